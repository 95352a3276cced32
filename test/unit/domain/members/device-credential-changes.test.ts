import { describe, expect, it } from 'vitest';
import { authoriseDevice } from '../../../../shared/domain/authorise-device.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import type { Member } from '../../../../shared/domain/member.js';
import {
  DeviceRevokedError,
  listDevices,
  revokeDevice,
  rotateDevice,
  UnknownDeviceError,
} from '../../../../shared/domain/members/device-credential-changes.js';
import { registerDevice, UnknownMemberError } from '../../../../shared/domain/members/register-device.js';
import { InMemoryDeviceRegistry } from '../../../fakes/device-registry.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';

const member: Member = {
  memberId: 'm-1',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00Z',
};

const setup = () => {
  let now = new Date('2026-06-01T12:00:00.000Z');
  const clock: Clock = { now: () => now };
  const directory = new InMemoryMemberDirectory(member);
  const devices = new InMemoryDeviceRegistry({ members: directory });
  const deps = { directory, devices, clock };
  const advanceHours = (hours: number) => {
    now = new Date(now.getTime() + hours * 3_600_000);
  };
  const authorises = async (token: string) => (await authoriseDevice(`Bearer ${token}`, deps)) !== undefined;
  return { deps, devices, advanceHours, authorises };
};

describe('device credential lifecycle', () => {
  it('registers a device with an optional expiry and audits who did it', async () => {
    const { deps, devices, advanceHours, authorises } = setup();
    const device = await registerDevice('m-1', deps, { by: 'alex', expiresInDays: 2 });
    expect(device.expiresAt).toBe('2026-06-03T12:00:00.000Z');
    expect(devices.audit).toEqual([
      {
        memberId: 'm-1',
        action: 'device-registered',
        at: '2026-06-01T12:00:00.000Z',
        by: 'alex',
        subjectId: device.deviceId,
        details: { expiresAt: '2026-06-03T12:00:00.000Z' },
      },
    ]);
    expect(await authorises(device.token)).toBe(true);
    advanceHours(48);
    expect(await authorises(device.token)).toBe(false);
    expect((await listDevices('m-1', deps))[0]?.status).toBe('expired');
    await expect(registerDevice('m-x', deps)).rejects.toBeInstanceOf(UnknownMemberError);
    await expect(registerDevice('m-1', deps, { expiresInDays: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it('refuses to list the devices of an unknown member instead of showing an empty list', async () => {
    const { deps } = setup();
    await registerDevice('m-1', deps, { by: 'alex' });
    expect(await listDevices('m-1', deps)).toHaveLength(1);
    await expect(listDevices('m-typo', deps)).rejects.toThrow(new UnknownMemberError('m-typo'));
  });

  it('revokes at once, is idempotent, and audits only the first revocation', async () => {
    const { deps, devices, authorises } = setup();
    const device = await registerDevice('m-1', deps, { by: 'alex' });
    const first = await revokeDevice(device.deviceId, 'jo', deps);
    expect(first).toEqual({
      deviceId: device.deviceId,
      memberId: 'm-1',
      revokedAt: '2026-06-01T12:00:00.000Z',
      alreadyRevoked: false,
    });
    expect(await authorises(device.token)).toBe(false);
    expect((await revokeDevice(device.deviceId, 'kim', deps)).alreadyRevoked).toBe(true);
    expect(devices.audit.map((record) => [record.action, record.by])).toEqual([
      ['device-registered', 'alex'],
      ['device-revoked', 'jo'],
    ]);
    expect(await listDevices('m-1', deps)).toEqual([
      {
        deviceId: device.deviceId,
        status: 'revoked',
        createdAt: '2026-06-01T12:00:00.000Z',
        revokedAt: '2026-06-01T12:00:00.000Z',
        revokedBy: 'jo',
      },
    ]);
    await expect(revokeDevice('d-unknown', 'jo', deps)).rejects.toBeInstanceOf(UnknownDeviceError);
    await expect(rotateDevice(device.deviceId, 'jo', deps)).rejects.toBeInstanceOf(DeviceRevokedError);
  });

  it('rotates: the new token works at once, the old one only for the 24-hour default grace', async () => {
    const { deps, devices, advanceHours, authorises } = setup();
    const device = await registerDevice('m-1', deps);
    const rotated = await rotateDevice(device.deviceId, 'jo', deps);
    expect(rotated.token).not.toBe(device.token);
    expect(rotated.previousTokenValidUntil).toBe('2026-06-02T12:00:00.000Z');
    expect(await authorises(rotated.token)).toBe(true);
    expect(await authorises(device.token)).toBe(true);
    advanceHours(24);
    expect(await authorises(device.token)).toBe(false);
    expect(await authorises(rotated.token)).toBe(true);
    expect(devices.audit.at(-1)).toMatchObject({
      action: 'device-rotated',
      by: 'jo',
      details: { previousTokenValidUntil: '2026-06-02T12:00:00.000Z' },
    });
  });

  it('a rotation with no grace stops the old token at once, and never extends an earlier expiry', async () => {
    const { deps, authorises } = setup();
    const device = await registerDevice('m-1', deps);
    const rotated = await rotateDevice(device.deviceId, 'jo', deps, { graceHours: 0, expiresInDays: 30 });
    expect(await authorises(device.token)).toBe(false);
    expect(rotated.expiresAt).toBe('2026-07-01T12:00:00.000Z');
    const expiring = await registerDevice('m-1', deps, { expiresInDays: 1 });
    const again = await rotateDevice(expiring.deviceId, 'jo', deps, { graceHours: 72 });
    expect(again.previousTokenValidUntil).toBe(expiring.expiresAt);
    await expect(rotateDevice(device.deviceId, 'jo', deps, { graceHours: 500 })).rejects.toBeInstanceOf(
      RangeError,
    );
  });

  it('revoking a rotated device also ends the grace of its old token', async () => {
    const { deps, authorises } = setup();
    const device = await registerDevice('m-1', deps);
    const rotated = await rotateDevice(device.deviceId, 'jo', deps);
    await revokeDevice(device.deviceId, 'jo', deps);
    expect(await authorises(device.token)).toBe(false);
    expect(await authorises(rotated.token)).toBe(false);
  });
});
