import { tokenMatches } from './device-token.js';

/** A blood-pressure monitor (or its phone gateway) allowed to upload for exactly one member. */
export interface Device {
  deviceId: string;
  memberId: string;
  /** SHA-256 of the secret half of the token, hex. The token itself is never stored. */
  tokenHash: string;
  createdAt: string;
  /** UTC ISO; absent: the current token does not expire. */
  expiresAt?: string;
  /** Set once by `device revoke`; a revoked device never authenticates again. */
  revokedAt?: string;
  revokedBy?: string;
  /** The token replaced by the last rotation, accepted until `previousTokenValidUntil` (the grace period). */
  previousTokenHash?: string;
  previousTokenValidUntil?: string;
  rotatedAt?: string;
}

export type DeviceStatus = 'active' | 'expired' | 'revoked';

export const deviceStatus = (device: Device, now: Date): DeviceStatus => {
  if (device.revokedAt !== undefined) return 'revoked';
  if (device.expiresAt !== undefined && Date.parse(device.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
};

const before = (limit: string | undefined, now: Date): boolean =>
  limit === undefined || now.getTime() < Date.parse(limit);

/**
 * Whether a presented secret opens this device now: never when revoked; the current token until it
 * expires; the token a rotation replaced until its grace period ends.
 */
export const credentialAccepted = (device: Device, secret: string, now: Date): boolean => {
  if (device.revokedAt !== undefined) return false;
  if (tokenMatches(secret, device.tokenHash)) return before(device.expiresAt, now);
  return (
    device.previousTokenHash !== undefined &&
    device.previousTokenValidUntil !== undefined &&
    before(device.previousTokenValidUntil, now) &&
    tokenMatches(secret, device.previousTokenHash)
  );
};
