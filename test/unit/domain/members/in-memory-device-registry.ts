import type { AuditRecord } from '../../../../shared/domain/audit-record.js';
import type { Device } from '../../../../shared/domain/device.js';
import type { DeviceRegistry } from '../../../../shared/domain/ports/device-registry.js';

/** The DeviceRegistry fake: same conditions as the DynamoDB adapter, audit kept beside each change. */
export class InMemoryDeviceRegistry implements DeviceRegistry {
  readonly devices = new Map<string, Device>();
  readonly audit: AuditRecord[] = [];

  async registerDevice(device: Device, audit: AuditRecord): Promise<void> {
    if (this.devices.has(device.deviceId)) throw new Error(`Device ${device.deviceId} already exists`);
    this.devices.set(device.deviceId, { ...device });
    this.audit.push(audit);
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const device = this.devices.get(deviceId);
    return device === undefined ? undefined : { ...device };
  }

  async listDevices(memberId: string): Promise<Device[]> {
    return [...this.devices.values()].filter((device) => device.memberId === memberId);
  }

  async revokeDevice(deviceId: string, audit: AuditRecord): Promise<boolean> {
    const device = this.devices.get(deviceId);
    if (device === undefined || device.revokedAt !== undefined) return false;
    const { previousTokenHash: _hash, previousTokenValidUntil: _until, ...rest } = device;
    this.devices.set(deviceId, { ...rest, revokedAt: audit.at, revokedBy: audit.by });
    this.audit.push(audit);
    return true;
  }

  async rotateDevice(
    deviceId: string,
    rotation: Parameters<DeviceRegistry['rotateDevice']>[1],
    audit: AuditRecord,
  ): Promise<boolean> {
    const device = this.devices.get(deviceId);
    if (device === undefined || device.revokedAt !== undefined) return false;
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
    this.audit.push(audit);
    return true;
  }
}
