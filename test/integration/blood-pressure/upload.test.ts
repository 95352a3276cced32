import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { DynamoDbDeviceRegistry } from '../../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { issueDeviceToken } from '../../../shared/domain/device-token.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

let stack: IsolatedStack;
let api: HttpApiAdapter;
let readings: DynamoDbReadingStore;
const tokens = { alice: '', bob: '' };

interface UploadResponseBody {
  results: Array<{ index: number; status: string; reason?: string; measuredAt?: string }>;
  summary: { stored: number; duplicate: number; rejected: number };
}

const storedFor = async (memberId: string) => readings.listRange({ memberId, metric: 'blood-pressure' });

const upload = async (token: string | undefined, body: string, contentType = 'application/json') => {
  const response = await fetch(`${api.url}/v1/blood-pressure`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as UploadResponseBody };
};

const week = JSON.stringify({
  readings: [
    { systolic: 134, diastolic: 86, pulse: 70, measuredAt: '2026-11-16T07:30:00+00:00' },
    { systolic: 131, diastolic: 84, measuredAt: '2026-11-16T07:32:00+00:00' },
    // 0x2A35, flags 0x02 (time stamp, mmHg): 129 (0x0081) / 83 (0x0053), MAP NaN (0x07FF), 2026-11-16 19:05:00 device time (GMT in London).
    {
      bluetooth: Buffer.from([
        0x02, 0x81, 0x00, 0x53, 0x00, 0xff, 0x07, 0xea, 0x07, 0x0b, 0x10, 0x13, 0x05, 0x00,
      ]).toString('base64'),
    },
  ],
});

beforeAll(async () => {
  stack = await createIsolatedStack();
  // Imported after the stack has set process.env, as Lambda would load them.
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const client = createDocumentClient();
  readings = new DynamoDbReadingStore(client, stack.resources.tables.readings);
  const directory = new DynamoDbMemberDirectory(client, stack.resources.tables.directory);
  const devices = new DynamoDbDeviceRegistry(client, stack.resources.tables.directory);
  for (const name of ['alice', 'bob'] as const) {
    await directory.createMember({
      memberId: `m-${name}`,
      name,
      timezone: 'Europe/London',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const { token, tokenHash } = issueDeviceToken(`d-${name}`);
    await devices.registerDevice(
      { deviceId: `d-${name}`, memberId: `m-${name}`, tokenHash, createdAt: '2026-01-01T00:00:00.000Z' },
      { memberId: `m-${name}`, action: 'device-registered', at: '2026-01-01T00:00:00.000Z', by: 'test' },
    );
    tokens[name] = token;
  }
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

describe('POST /v1/blood-pressure against DynamoDB Local', () => {
  it('stores an upload, JSON and Bluetooth items alike', async () => {
    const response = await upload(tokens.alice, week);
    expect(response).toEqual({
      status: 200,
      body: {
        results: [
          { index: 0, status: 'stored', measuredAt: '2026-11-16T07:30:00.000Z' },
          { index: 1, status: 'stored', measuredAt: '2026-11-16T07:32:00.000Z' },
          { index: 2, status: 'stored', measuredAt: '2026-11-16T19:05:00.000Z' },
        ],
        summary: { stored: 3, duplicate: 0, rejected: 0 },
      },
    });
    const stored = await storedFor('m-alice');
    expect(stored.map((reading) => reading.measuredAt)).toEqual([
      '2026-11-16T07:30:00.000Z',
      '2026-11-16T07:32:00.000Z',
      '2026-11-16T19:05:00.000Z',
    ]);
    expect(stored[2]).toMatchObject({
      systolic: 129,
      diastolic: 83,
      meanArterialPressure: 98.3, // the device sent NaN: 83 + (129 - 83) / 3 = 98.33
      deviceLocalTime: '2026-11-16T19:05:00',
      provenance: { source: 'bluetooth-0x2a35', deviceId: 'd-alice' },
    });
  });

  it('answers a re-upload with duplicates and stores nothing new', async () => {
    const response = await upload(tokens.alice, week);
    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual({ stored: 0, duplicate: 3, rejected: 0 });
    expect(await storedFor('m-alice')).toHaveLength(3);
  });

  it.each([
    ['bad JSON', '{"readings": [', 400],
    ['a wrong envelope', '{"reading": []}', 400],
    [
      'only impossible readings',
      '{"readings":[{"systolic":400,"diastolic":80,"measuredAt":"2026-11-17T08:00:00Z"}]}',
      422,
    ],
  ])('refuses %s with %i and stores nothing', async (_name, body, status) => {
    const response = await upload(tokens.alice, body);
    expect(response.status).toBe(status);
    expect(await storedFor('m-alice')).toHaveLength(3);
  });

  it("does not let another device's credential choose the member", async () => {
    const claimed = JSON.stringify({
      readings: [{ systolic: 150, diastolic: 95, measuredAt: '2026-11-17T08:00:00Z', memberId: 'm-alice' }],
    });
    const smuggled = await upload(tokens.bob, claimed);
    expect(smuggled.status).toBe(422);
    expect(smuggled.body.results[0]?.reason).toMatch(/Unrecognized key: "memberId"/);

    const own = await upload(
      tokens.bob,
      JSON.stringify({ readings: [{ systolic: 150, diastolic: 95, measuredAt: '2026-11-17T08:00:00Z' }] }),
    );
    expect(own.body.summary.stored).toBe(1);
    expect(await storedFor('m-alice')).toHaveLength(3);
    expect((await storedFor('m-bob')).map((reading) => reading.memberId)).toEqual(['m-bob']);
  });

  it('refuses missing and forged credentials at the authoriser', async () => {
    const forgedSecret = `d-alice.${tokens.bob.split('.')[1]}`;
    expect((await upload(undefined, week)).status).toBe(401);
    expect((await upload(forgedSecret, week)).status).toBe(403);
    expect((await upload('d-alice.not-a-secret', week)).status).toBe(403);
    expect(await storedFor('m-alice')).toHaveLength(3);
  });
});
