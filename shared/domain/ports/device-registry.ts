import type { AuditRecord } from '../audit-record.js';
import type { Device } from '../device.js';

export interface DeviceRotation {
  tokenHash: string;
  /** The hash the rotation replaces: the write fails if another rotation got there first. */
  replacedTokenHash: string;
  previousTokenValidUntil: string;
  rotatedAt: string;
  expiresAt?: string;
}

/** Device credentials. Every change is written together with its audit record, or not at all. */
export interface DeviceRegistry {
  registerDevice(device: Device, audit: AuditRecord): Promise<void>;
  /** Strongly consistent, so a revocation is seen by the very next upload. */
  getDevice(deviceId: string): Promise<Device | undefined>;
  listDevices(memberId: string): Promise<Device[]>;
  /** Marks the device revoked and forgets any grace token; false when it is unknown or already revoked. */
  revokeDevice(deviceId: string, audit: AuditRecord): Promise<boolean>;
  /** False when the device is revoked, unknown, or its token changed meanwhile. */
  rotateDevice(deviceId: string, rotation: DeviceRotation, audit: AuditRecord): Promise<boolean>;
}
