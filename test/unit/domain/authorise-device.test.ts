import { describe, expect, it } from 'vitest';
import { authoriseDevice } from '../../../shared/domain/authorise-device.js';
import type { Device } from '../../../shared/domain/device.js';
import { issueDeviceToken } from '../../../shared/domain/device-token.js';

const issued = issueDeviceToken('d-1');
const devices: Device[] = [
  { deviceId: 'd-1', memberId: 'm-1', tokenHash: issued.tokenHash, createdAt: '2026-01-01T00:00:00.000Z' },
];
const directory = {
  getDevice: async (deviceId: string) => devices.find((device) => device.deviceId === deviceId),
};

describe('authoriseDevice', () => {
  it('returns the member and device the token is bound to', async () => {
    expect(await authoriseDevice(`Bearer ${issued.token}`, directory)).toEqual({
      memberId: 'm-1',
      deviceId: 'd-1',
    });
    expect(await authoriseDevice(`bearer ${issued.token}`, directory)).toEqual({
      memberId: 'm-1',
      deviceId: 'd-1',
    });
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
    expect(await authoriseDevice(header, directory)).toBeUndefined();
  });
});
