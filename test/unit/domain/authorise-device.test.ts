import { describe, expect, it } from 'vitest';
import { authoriseDevice } from '../../../shared/domain/authorise-device.js';
import type { Device } from '../../../shared/domain/device.js';
import { issueDeviceToken } from '../../../shared/domain/device-token.js';

const issued = issueDeviceToken('d-1');
const replaced = issueDeviceToken('d-1');
const now = new Date('2026-06-01T12:00:00.000Z');
const base: Device = {
  deviceId: 'd-1',
  memberId: 'm-1',
  tokenHash: issued.tokenHash,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const depsWith = (device: Device, at: Date = now) => ({
  devices: { getDevice: async (deviceId: string) => (deviceId === device.deviceId ? device : undefined) },
  clock: { now: () => at },
});
const deps = depsWith(base);
const identity = { memberId: 'm-1', deviceId: 'd-1' };

describe('authoriseDevice', () => {
  it('returns the member and device the token is bound to', async () => {
    expect(await authoriseDevice(`Bearer ${issued.token}`, deps)).toEqual(identity);
    expect(await authoriseDevice(`bearer ${issued.token}`, deps)).toEqual(identity);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${issued.token}`],
    ['a bare token', issued.token],
    ['a wrong secret', `Bearer ${issueDeviceToken('d-1').token}`],
    ['an unknown device', `Bearer ${issued.token.replace('d-1.', 'd-2.')}`],
    ['a token with extra words', `Bearer ${issued.token} extra`],
  ])('refuses %s', async (_name, header) => {
    expect(await authoriseDevice(header, deps)).toBeUndefined();
  });

  it('refuses a revoked device, even with its current token', async () => {
    const revoked = { ...base, revokedAt: '2026-06-01T11:59:59.000Z', revokedBy: 'sam' };
    expect(await authoriseDevice(`Bearer ${issued.token}`, depsWith(revoked))).toBeUndefined();
  });

  it('accepts a token until its expiry and refuses it from that instant', async () => {
    const expiring = { ...base, expiresAt: '2026-06-01T12:00:00.000Z' };
    const justBefore = new Date(now.getTime() - 1);
    expect(await authoriseDevice(`Bearer ${issued.token}`, depsWith(expiring, justBefore))).toEqual(identity);
    expect(await authoriseDevice(`Bearer ${issued.token}`, depsWith(expiring, now))).toBeUndefined();
  });

  it('accepts the token a rotation replaced only during the grace period, and the new one throughout', async () => {
    const rotated: Device = {
      ...base,
      previousTokenHash: replaced.tokenHash,
      previousTokenValidUntil: '2026-06-02T12:00:00.000Z',
      rotatedAt: '2026-06-01T12:00:00.000Z',
    };
    const inGrace = new Date('2026-06-02T11:59:59.999Z');
    const afterGrace = new Date('2026-06-02T12:00:00.000Z');
    expect(await authoriseDevice(`Bearer ${replaced.token}`, depsWith(rotated, inGrace))).toEqual(identity);
    expect(await authoriseDevice(`Bearer ${replaced.token}`, depsWith(rotated, afterGrace))).toBeUndefined();
    expect(await authoriseDevice(`Bearer ${issued.token}`, depsWith(rotated, afterGrace))).toEqual(identity);
    const revoked = { ...rotated, revokedAt: '2026-06-01T13:00:00.000Z' };
    expect(await authoriseDevice(`Bearer ${replaced.token}`, depsWith(revoked, inGrace))).toBeUndefined();
  });
});
