import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit-record.js';
import type { Device } from '../../shared/domain/device.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';
import type { DeviceRegistry } from '../../shared/domain/ports/device-registry.js';
import type { MemberDirectory } from '../../shared/domain/ports/member-directory.js';

/** The registry with the directory and audit log it writes beside (one table in DynamoDB). */
export interface DeviceRegistryUnderTest {
  devices: DeviceRegistry;
  members: MemberDirectory;
  audit: AuditLog;
}

const audit = (
  memberId: string,
  action: AuditRecord['action'],
  at: string,
  subjectId: string,
): AuditRecord => ({
  memberId,
  action,
  at,
  by: 'alex',
  subjectId,
});

const device = (memberId: string, createdAt: string, fields: Partial<Device> = {}): Device => ({
  deviceId: `d-${randomUUID()}`,
  memberId,
  tokenHash: 'hash-1',
  createdAt,
  ...fields,
});

const withMember = async (ports: DeviceRegistryUnderTest) => {
  const memberId = `m-${randomUUID()}`;
  await ports.members.createMember({
    memberId,
    name: 'Sam Example',
    timezone: 'Europe/London',
    createdAt: '2026-11-01T09:00:00.000Z',
  });
  return memberId;
};

/**
 * The DeviceRegistry contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts) and
 * DynamoDbDeviceRegistry on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const deviceRegistryContract = (name: string, create: () => DeviceRegistryUnderTest) => {
  describe(`DeviceRegistry contract: ${name}`, () => {
    it('registers a device with its audit record and starts the member’s monitoring clock once', async () => {
      const ports = create();
      const memberId = await withMember(ports);
      const first = device(memberId, '2026-11-02T09:00:00.000Z', { expiresAt: '2027-11-02T09:00:00.000Z' });
      const second = device(memberId, '2026-11-05T09:00:00.000Z');
      await ports.devices.registerDevice(
        first,
        audit(memberId, 'device-registered', first.createdAt, first.deviceId),
      );
      await ports.devices.registerDevice(
        second,
        audit(memberId, 'device-registered', second.createdAt, second.deviceId),
      );
      expect(await ports.devices.getDevice(first.deviceId)).toEqual(first);
      expect(await ports.devices.listDevices(memberId)).toEqual([first, second]);
      expect(await ports.devices.listDevices(`m-${randomUUID()}`)).toEqual([]);
      expect((await ports.members.getMember(memberId))?.bloodPressureMonitorSince).toBe(first.createdAt);
      expect((await ports.audit.list(memberId)).map((record) => record.subjectId)).toEqual([
        first.deviceId,
        second.deviceId,
      ]);
    });

    it('refuses a device id that exists, and a member who does not, writing nothing', async () => {
      const ports = create();
      const memberId = await withMember(ports);
      const registered = device(memberId, '2026-11-02T09:00:00.000Z');
      await ports.devices.registerDevice(
        registered,
        audit(memberId, 'device-registered', registered.createdAt, registered.deviceId),
      );
      await expect(
        ports.devices.registerDevice(
          { ...registered, tokenHash: 'other' },
          audit(memberId, 'device-registered', '2026-11-03T09:00:00.000Z', registered.deviceId),
        ),
      ).rejects.toThrow();
      const stranger = `m-${randomUUID()}`;
      const orphan = device(stranger, '2026-11-02T09:00:00.000Z');
      await expect(
        ports.devices.registerDevice(
          orphan,
          audit(stranger, 'device-registered', orphan.createdAt, orphan.deviceId),
        ),
      ).rejects.toThrow();
      expect(await ports.devices.getDevice(orphan.deviceId)).toBeUndefined();
      expect(await ports.audit.list(stranger)).toEqual([]);
      expect(await ports.devices.getDevice(registered.deviceId)).toEqual(registered);
      expect(await ports.audit.list(memberId)).toHaveLength(1);
    });

    it('rotates only from the current token, keeping the old one for its grace period', async () => {
      const ports = create();
      const memberId = await withMember(ports);
      const registered = device(memberId, '2026-11-02T09:00:00.000Z', {
        expiresAt: '2026-12-02T09:00:00.000Z',
      });
      await ports.devices.registerDevice(
        registered,
        audit(memberId, 'device-registered', registered.createdAt, registered.deviceId),
      );
      const rotation = {
        tokenHash: 'hash-2',
        replacedTokenHash: 'hash-1',
        previousTokenValidUntil: '2026-11-11T09:00:00.000Z',
        rotatedAt: '2026-11-10T09:00:00.000Z',
      };
      const rotated = audit(memberId, 'device-rotated', rotation.rotatedAt, registered.deviceId);
      expect(
        await ports.devices.rotateDevice(
          registered.deviceId,
          { ...rotation, replacedTokenHash: 'stale' },
          rotated,
        ),
      ).toBe(false);
      expect(await ports.devices.rotateDevice(registered.deviceId, rotation, rotated)).toBe(true);
      const { expiresAt: _dropped, ...withoutExpiry } = registered;
      expect(await ports.devices.getDevice(registered.deviceId)).toEqual({
        ...withoutExpiry,
        tokenHash: 'hash-2',
        previousTokenHash: 'hash-1',
        previousTokenValidUntil: rotation.previousTokenValidUntil,
        rotatedAt: rotation.rotatedAt,
      });
      expect(await ports.devices.rotateDevice(`d-${randomUUID()}`, rotation, rotated)).toBe(false);
      expect((await ports.audit.list(memberId)).map((record) => record.action)).toEqual([
        'device-registered',
        'device-rotated',
      ]);
    });

    it('revokes once, forgetting the grace token; a revoked device cannot rotate', async () => {
      const ports = create();
      const memberId = await withMember(ports);
      const registered = device(memberId, '2026-11-02T09:00:00.000Z', {
        previousTokenHash: 'hash-0',
        previousTokenValidUntil: '2026-11-03T09:00:00.000Z',
      });
      await ports.devices.registerDevice(
        registered,
        audit(memberId, 'device-registered', registered.createdAt, registered.deviceId),
      );
      const revoked = audit(memberId, 'device-revoked', '2026-11-04T09:00:00.000Z', registered.deviceId);
      expect(await ports.devices.revokeDevice(registered.deviceId, revoked)).toBe(true);
      expect(
        await ports.devices.revokeDevice(
          registered.deviceId,
          audit(memberId, 'device-revoked', '2026-11-05T09:00:00.000Z', registered.deviceId),
        ),
      ).toBe(false);
      expect(await ports.devices.revokeDevice(`d-${randomUUID()}`, revoked)).toBe(false);
      const { previousTokenHash: _hash, previousTokenValidUntil: _until, ...rest } = registered;
      expect(await ports.devices.getDevice(registered.deviceId)).toEqual({
        ...rest,
        revokedAt: revoked.at,
        revokedBy: revoked.by,
      });
      const rotation = {
        tokenHash: 'hash-2',
        replacedTokenHash: 'hash-1',
        previousTokenValidUntil: '2026-11-11T09:00:00.000Z',
        rotatedAt: '2026-11-10T09:00:00.000Z',
      };
      expect(
        await ports.devices.rotateDevice(
          registered.deviceId,
          rotation,
          audit(memberId, 'device-rotated', rotation.rotatedAt, registered.deviceId),
        ),
      ).toBe(false);
      expect((await ports.audit.list(memberId)).map((record) => record.action)).toEqual([
        'device-registered',
        'device-revoked',
      ]);
    });
  });
};
