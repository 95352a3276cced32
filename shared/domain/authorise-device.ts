import type { Clock } from './clock.js';
import { credentialAccepted } from './device.js';
import { parseDeviceToken } from './device-token.js';
import type { DeviceRegistry } from './ports/device-registry.js';

export interface DeviceIdentity {
  memberId: string;
  deviceId: string;
}

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Decides whether an Authorization header carries a valid device credential.
 * 1. Accept only `Bearer <deviceId>.<secret>`.
 * 2. Look the device up by the id in the token (consistent read: a revocation counts at once).
 * 3. Refuse a revoked device, an expired token, or a replaced token past its grace period; compare
 *    sha256(secret) with the stored hashes in constant time.
 * 4. Return the member and device the credential is bound to; undefined for every kind of failure alike,
 *    so callers cannot tell an unknown device from a wrong, revoked or expired secret.
 */
export const authoriseDevice = async (
  authorization: string | undefined,
  deps: { devices: Pick<DeviceRegistry, 'getDevice'>; clock: Clock },
): Promise<DeviceIdentity | undefined> => {
  const token = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
  const parsed = token === undefined ? undefined : parseDeviceToken(token);
  if (parsed === undefined) return undefined;
  const device = await deps.devices.getDevice(parsed.deviceId);
  if (device === undefined || !credentialAccepted(device, parsed.secret, deps.clock.now())) return undefined;
  return { memberId: device.memberId, deviceId: device.deviceId };
};
