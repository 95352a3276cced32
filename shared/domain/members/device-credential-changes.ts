import type { Clock } from '../clock.js';
import { type DeviceStatus, deviceStatus } from '../device.js';
import { issueDeviceToken } from '../device-token.js';
import type { DeviceRegistry } from '../ports/device-registry.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import { expiryAfter } from './device-expiry.js';
import { UnknownMemberError } from './register-device.js';

/**
 * How long a rotated-out token keeps working: long enough for a gateway that syncs once a day to pick up
 * the new token, short enough that a leaked old token dies the same day. `device rotate --grace-hours`.
 */
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
export const MAX_ROTATION_GRACE_HOURS = 7 * 24;

export class UnknownDeviceError extends Error {
  constructor(readonly deviceId: string) {
    super(`No device with id ${deviceId}`);
    this.name = 'UnknownDeviceError';
  }
}

export class DeviceRevokedError extends Error {
  constructor(readonly deviceId: string) {
    super(`Device ${deviceId} is revoked; register a new device instead`);
    this.name = 'DeviceRevokedError';
  }
}

interface Deps {
  devices: DeviceRegistry;
  clock: Clock;
}

/**
 * Revokes a device credential (`pulse-relay device revoke`).
 * 1. Find the device.
 * 2. Mark it revoked and drop any grace token, with an audit record, in one write.
 * Idempotent: revoking a revoked device changes nothing and reports when it was revoked.
 */
export const revokeDevice = async (
  deviceId: string,
  by: string,
  deps: Deps,
): Promise<{ deviceId: string; memberId: string; revokedAt: string; alreadyRevoked: boolean }> => {
  const device = await deps.devices.getDevice(deviceId);
  if (device === undefined) throw new UnknownDeviceError(deviceId);
  if (device.revokedAt !== undefined) {
    return { deviceId, memberId: device.memberId, revokedAt: device.revokedAt, alreadyRevoked: true };
  }
  const at = deps.clock.now().toISOString();
  const revoked = await deps.devices.revokeDevice(deviceId, {
    memberId: device.memberId,
    action: 'device-revoked',
    at,
    by,
    subjectId: deviceId,
  });
  if (!revoked) return revokeDevice(deviceId, by, deps);
  return { deviceId, memberId: device.memberId, revokedAt: at, alreadyRevoked: false };
};

export interface RotatedDevice {
  deviceId: string;
  memberId: string;
  /** Shown once. */
  token: string;
  expiresAt?: string;
  previousTokenValidUntil: string;
}

/**
 * Issues a new token for a device (`pulse-relay device rotate`).
 * 1. Refuse unknown and revoked devices.
 * 2. Issue a new token; the old one stays valid for the grace period (never beyond its own expiry).
 * 3. Write it only if no other rotation replaced the token meanwhile, with an audit record.
 * 4. Return the new token once.
 */
export const rotateDevice = async (
  deviceId: string,
  by: string,
  deps: Deps,
  options: { graceHours?: number; expiresInDays?: number } = {},
): Promise<RotatedDevice> => {
  const graceHours = options.graceHours ?? DEFAULT_ROTATION_GRACE_HOURS;
  if (!(graceHours >= 0 && graceHours <= MAX_ROTATION_GRACE_HOURS)) {
    throw new RangeError(`The grace period is 0 to ${MAX_ROTATION_GRACE_HOURS} hours`);
  }
  const device = await deps.devices.getDevice(deviceId);
  if (device === undefined) throw new UnknownDeviceError(deviceId);
  if (device.revokedAt !== undefined) throw new DeviceRevokedError(deviceId);
  const now = deps.clock.now();
  const graceEnd = now.getTime() + graceHours * 3_600_000;
  const oldExpiry = device.expiresAt === undefined ? graceEnd : Date.parse(device.expiresAt);
  const previousTokenValidUntil = new Date(
    Math.max(now.getTime(), Math.min(graceEnd, oldExpiry)),
  ).toISOString();
  const expiresAt = expiryAfter(now, options.expiresInDays);
  const { token, tokenHash } = issueDeviceToken(deviceId);
  const rotatedAt = now.toISOString();
  const written = await deps.devices.rotateDevice(
    deviceId,
    {
      tokenHash,
      replacedTokenHash: device.tokenHash,
      previousTokenValidUntil,
      rotatedAt,
      ...(expiresAt === undefined ? {} : { expiresAt }),
    },
    {
      memberId: device.memberId,
      action: 'device-rotated',
      at: rotatedAt,
      by,
      subjectId: deviceId,
      details: { previousTokenValidUntil, ...(expiresAt === undefined ? {} : { expiresAt }) },
    },
  );
  if (!written) throw new Error(`Device ${deviceId} changed while rotating; run the command again`);
  return {
    deviceId,
    memberId: device.memberId,
    token,
    ...(expiresAt === undefined ? {} : { expiresAt }),
    previousTokenValidUntil,
  };
};

/** What `device list` shows: never a hash. */
export interface DeviceSummary {
  deviceId: string;
  status: DeviceStatus;
  createdAt: string;
  expiresAt?: string;
  rotatedAt?: string;
  previousTokenValidUntil?: string;
  revokedAt?: string;
  revokedBy?: string;
}

/**
 * A member's devices (`pulse-relay device list`). An unknown member id is an error, not an empty list:
 * a mistyped id must not read as "this member has no monitor".
 */
export const listDevices = async (
  memberId: string,
  deps: Deps & { directory: Pick<MemberDirectory, 'getMember'> },
): Promise<DeviceSummary[]> => {
  const now = deps.clock.now();
  const [member, devices] = await Promise.all([
    deps.directory.getMember(memberId),
    deps.devices.listDevices(memberId),
  ]);
  if (member === undefined) throw new UnknownMemberError(memberId);
  return devices.map((device) => ({
    deviceId: device.deviceId,
    status: deviceStatus(device, now),
    createdAt: device.createdAt,
    ...(device.expiresAt === undefined ? {} : { expiresAt: device.expiresAt }),
    ...(device.rotatedAt === undefined ? {} : { rotatedAt: device.rotatedAt }),
    ...(device.previousTokenValidUntil === undefined || device.revokedAt !== undefined
      ? {}
      : { previousTokenValidUntil: device.previousTokenValidUntil }),
    ...(device.revokedAt === undefined ? {} : { revokedAt: device.revokedAt }),
    ...(device.revokedBy === undefined ? {} : { revokedBy: device.revokedBy }),
  }));
};
