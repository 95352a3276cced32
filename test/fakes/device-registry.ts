import { DeviceAlreadyExistsError } from '../../shared/adapters/dynamodb-device-registry.js';
import type { AuditRecord } from '../../shared/domain/audit-record.js';
import type { Device } from '../../shared/domain/device.js';
import type { DeviceRegistry, DeviceRotation } from '../../shared/domain/ports/device-registry.js';
import { InMemoryAuditLog } from './audit-log.js';
import { InMemoryMemberDirectory } from './member-directory.js';

/**
 * The in-memory twin of DynamoDbDeviceRegistry: the same conditions, each change written with its audit
 * record or not at all, and a registration needs the member and starts their bp-no-readings clock.
 * test/contracts/device-registry.contract.ts runs against both.
 */
export class InMemoryDeviceRegistry implements DeviceRegistry {
  readonly devices = new Map<string, Device>();
  readonly members: InMemoryMemberDirectory;
  readonly auditLog: InMemoryAuditLog;

  constructor(options: { members?: InMemoryMemberDirectory; auditLog?: InMemoryAuditLog } = {}) {
    this.members = options.members ?? new InMemoryMemberDirectory();
    this.auditLog = options.auditLog ?? new InMemoryAuditLog();
  }

  /** Every audit record written with a device change, in order. */
  get audit(): AuditRecord[] {
    return this.auditLog.records;
  }

  async registerDevice(device: Device, audit: AuditRecord): Promise<void> {
    // One transaction in the adapter: the device must be new, the member must exist, the audit record new.
    if (
      this.devices.has(device.deviceId) ||
      this.members.members.get(device.memberId) === undefined ||
      this.auditLog.has(audit)
    ) {
      throw new DeviceAlreadyExistsError(device.deviceId);
    }
    this.devices.set(device.deviceId, { ...device });
    this.members.startMonitoring(device.memberId, device.createdAt);
    await this.auditLog.record(audit);
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const device = this.devices.get(deviceId);
    return device === undefined ? undefined : { ...device };
  }

  /** Oldest first, as the adapter's index (createdAt, then id) returns them. */
  async listDevices(memberId: string): Promise<Device[]> {
    return [...this.devices.values()]
      .filter((device) => device.memberId === memberId)
      .sort((a, b) => `${a.createdAt}#${a.deviceId}`.localeCompare(`${b.createdAt}#${b.deviceId}`))
      .map((device) => ({ ...device }));
  }

  async revokeDevice(deviceId: string, audit: AuditRecord): Promise<boolean> {
    const device = this.devices.get(deviceId);
    if (device === undefined || device.revokedAt !== undefined || this.auditLog.has(audit)) return false;
    const { previousTokenHash: _hash, previousTokenValidUntil: _until, ...rest } = device;
    this.devices.set(deviceId, { ...rest, revokedAt: audit.at, revokedBy: audit.by });
    await this.auditLog.record(audit);
    return true;
  }

  async rotateDevice(deviceId: string, rotation: DeviceRotation, audit: AuditRecord): Promise<boolean> {
    const device = this.devices.get(deviceId);
    if (device === undefined || device.revokedAt !== undefined || this.auditLog.has(audit)) return false;
    if (device.tokenHash !== rotation.replacedTokenHash) return false;
    const { expiresAt: _expiry, ...rest } = device;
    this.devices.set(deviceId, {
      ...rest,
      tokenHash: rotation.tokenHash,
      previousTokenHash: rotation.replacedTokenHash,
      previousTokenValidUntil: rotation.previousTokenValidUntil,
      rotatedAt: rotation.rotatedAt,
      ...(rotation.expiresAt === undefined ? {} : { expiresAt: rotation.expiresAt }),
    });
    await this.auditLog.record(audit);
    return true;
  }
}
