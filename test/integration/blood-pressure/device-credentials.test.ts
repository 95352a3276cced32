import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { DynamoDbAuditLog } from '../../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbDeviceRegistry } from '../../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { revokeDevice, rotateDevice } from '../../../shared/domain/members/device-credential-changes.js';
import { registerDevice } from '../../../shared/domain/members/register-device.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

/**
 * Test matrix row 14: a revoked, expired or rotated-out token is refused by the authoriser on the very next
 * upload. The documented delay is zero: no authoriser result cache (CDK resultsCacheTtl 0, asserted in
 * test/infra/service-stack.test.ts; the local adapter caches nothing) and a strongly consistent read.
 */
let stack: IsolatedStack;
let api: HttpApiAdapter;
let deps: {
  directory: DynamoDbMemberDirectory;
  devices: DynamoDbDeviceRegistry;
  clock: typeof systemClock;
};
let audit: DynamoDbAuditLog;

let minute = 0;
const upload = async (token: string) => {
  minute += 1;
  const measuredAt = new Date(Date.UTC(2026, 10, 16, 7, minute)).toISOString();
  const response = await fetch(`${api.url}/v1/blood-pressure`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings: [{ systolic: 120, diastolic: 80, measuredAt }] }),
  });
  await response.arrayBuffer();
  return response.status;
};

beforeAll(async () => {
  stack = await createIsolatedStack();
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const client = createDocumentClient();
  const table = stack.resources.tables.directory;
  deps = {
    directory: new DynamoDbMemberDirectory(client, table),
    devices: new DynamoDbDeviceRegistry(client, table),
    clock: systemClock,
  };
  audit = new DynamoDbAuditLog(client, table);
  await deps.directory.createMember({
    memberId: 'm-1',
    name: 'Sam',
    timezone: 'Europe/London',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  api = await startHttpApiAdapter({
    routes: [
      {
        method: 'POST',
        path: '/v1/blood-pressure',
        functionName: 'ingest-blood-pressure',
        handler: ingest.handler,
        authorizer: { functionName: 'authorize-device', handler: authorize.handler },
      },
    ],
    log: () => undefined,
  });
});

afterAll(async () => {
  await api?.stop();
  await stack?.stop();
});

describe('device credentials through the authoriser and the local HTTP API', () => {
  it('refuses a revoked token on the very next upload, and audits who revoked it', async () => {
    const device = await registerDevice('m-1', deps, { by: 'alex' });
    expect(await upload(device.token)).toBe(200);
    await revokeDevice(device.deviceId, 'jo', deps);
    expect(await upload(device.token)).toBe(403);
    const records = await audit.list('m-1');
    expect(
      records.filter((record) => record.subjectId === device.deviceId).map((r) => [r.action, r.by]),
    ).toEqual([
      ['device-registered', 'alex'],
      ['device-revoked', 'jo'],
    ]);
  });

  it('rotation: the new token works at once, the old one during the grace period, none after revocation', async () => {
    const device = await registerDevice('m-1', deps, { by: 'alex' });
    const rotated = await rotateDevice(device.deviceId, 'jo', deps);
    expect(await upload(rotated.token)).toBe(200);
    expect(await upload(device.token)).toBe(200);
    await revokeDevice(device.deviceId, 'jo', deps);
    expect(await upload(rotated.token)).toBe(403);
    expect(await upload(device.token)).toBe(403);
  });

  it('a rotation without grace refuses the old token on the next upload', async () => {
    const device = await registerDevice('m-1', deps);
    await rotateDevice(device.deviceId, 'jo', deps, { graceHours: 0 });
    expect(await upload(device.token)).toBe(403);
  });

  it('two rotations at once: exactly one new token works, and each rotation that happened is audited', async () => {
    const device = await registerDevice('m-1', deps, { by: 'alex' });
    const results = await Promise.allSettled([
      rotateDevice(device.deviceId, 'jo', deps, { graceHours: 0 }),
      rotateDevice(device.deviceId, 'kim', deps, { graceHours: 0 }),
    ]);
    const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    // A rotation that read the token the other one replaced is refused, not applied over it.
    for (const result of results) {
      if (result.status === 'rejected') expect(String(result.reason)).toContain('run the command again');
    }
    const working = [];
    for (const rotated of won) if ((await upload(rotated.token)) === 200) working.push(rotated.token);
    expect(working).toHaveLength(1);
    expect(await upload(device.token)).toBe(403);
    const rotations = (await audit.list('m-1')).filter(
      (record) => record.subjectId === device.deviceId && record.action === 'device-rotated',
    );
    expect(rotations).toHaveLength(won.length);
  });

  it('a rotation racing a revocation never leaves a working token', async () => {
    const device = await registerDevice('m-1', deps, { by: 'alex' });
    const [rotated] = await Promise.allSettled([
      rotateDevice(device.deviceId, 'jo', deps),
      revokeDevice(device.deviceId, 'kim', deps),
    ]);
    if (rotated.status === 'fulfilled') expect(await upload(rotated.value.token)).toBe(403);
    expect(await upload(device.token)).toBe(403);
    expect((await deps.devices.getDevice(device.deviceId))?.revokedAt).toBeDefined();
  });

  it('refuses an expired token', async () => {
    const device = await registerDevice('m-1', deps, { expiresInDays: 1 });
    expect(await upload(device.token)).toBe(200);
    const past = { now: () => new Date(Date.now() - 2 * 86_400_000) };
    const expired = await registerDevice('m-1', { ...deps, clock: past }, { expiresInDays: 1 });
    expect(await upload(expired.token)).toBe(403);
  });
});
