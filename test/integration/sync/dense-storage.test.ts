import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../../../shared/adapters/google-health/data-client.js';
import { syncMember } from '../../../shared/domain/google-health/sync-member.js';
import type { HeartRateHourBucket } from '../../../shared/domain/wearable-reading.js';
import { InMemoryLinkStore, linkFor } from '../../fakes/link-store.js';
import { linkUser } from '../google-health-simulator/oauth-flow.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

/** Midnight in London (GMT in November): the whole of 19 November is upstream. */
const NOW = new Date('2026-11-20T00:00:00Z');
const DAY = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-19T23:59:59.999Z' };
const ITEM_LIMIT_BYTES = 400 * 1024;

let stack: IsolatedStack;
let simulator: GoogleHealthSimulator;
let client: GoogleHealthDataClient;

beforeAll(async () => {
  stack = await createIsolatedStack();
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 11, clock: () => NOW });
  simulator.createUser({
    userKey: 'one-hertz',
    dataStartDate: '2026-11-19',
    profile: { heartRateIntervalSeconds: 1 },
  });
  const { access_token } = await linkUser(simulator, 'one-hertz');
  client = new GoogleHealthDataClient({
    baseUrl: simulator.urls.api,
    tokens: { accessTokenFor: async () => access_token, invalidate: async () => {} },
    // Pacing is not under test here (sync-member.test.ts covers 429s): about 30 pages stay far under the
    // simulator's 300 a minute, and 2.5 a second alone would add some 12 s of waiting.
    requestsPerSecond: 20,
  });
});

afterAll(async () => {
  await simulator?.stop();
  await stack?.stop();
});

const storeFor = () =>
  new DynamoDbReadingStore(createDocumentClient(), stack.resources.tables.readings, {
    countWriteUnits: true,
  });

/** DynamoDB's item size: attribute names plus values (binary as its bytes), generously rounded up. */
const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (total, [name, value]) =>
      total +
      name.length +
      (value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(JSON.stringify(value))),
    0,
  );

describe('heart rate at 1 Hz in DynamoDB Local', () => {
  it('writes a member-day losslessly in 24 hour items under the item limit, and an unchanged re-sync writes nothing', async () => {
    const links = new InMemoryLinkStore();
    links.seed(linkFor('m-dense'));
    const readings = storeFor();
    const deps = { links, readings, source: client, clock: { now: () => NOW } };
    const job = {
      memberId: 'm-dense',
      reason: 'backfill' as const,
      backfillDays: 1,
      dataTypes: ['heart-rate' as const],
    };

    const first = await syncMember(job, deps);
    const firstWriteUnits = readings.consumedWriteUnits;

    // What upstream holds for the day, straight from the simulator.
    const upstream = await client.reconcileAll('m-dense', 'heart-rate', {
      filter: `heart_rate.sample_time.physical_time >= "2026-11-19T00:00:00Z" AND heart_rate.sample_time.physical_time < "2026-11-20T00:00:00Z"`,
      pageSize: 10_000,
    });
    expect(upstream).toHaveLength(86_400);
    const expected = upstream
      .map((point) => [Date.parse(point.heartRate.sampleTime.physicalTime), point.heartRate.beatsPerMinute])
      .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));

    const stored = (await readings.listRange({
      memberId: 'm-dense',
      metric: 'heart-rate',
      ...DAY,
    })) as HeartRateHourBucket[];
    expect(stored).toHaveLength(24);
    const readBack = stored.flatMap((bucket) =>
      bucket.samples.map(([seconds, bpm]) => [Date.parse(bucket.measuredAt) + seconds * 1000, bpm]),
    );
    expect(readBack).toEqual(expected);
    expect(stored[0]?.summary.count).toBe(3600);

    const { Items = [] } = await createDocumentClient().send(
      new QueryCommand({
        TableName: stack.resources.tables.readings,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MEMBER#m-dense#heart-rate' },
      }),
    );
    expect(Items).toHaveLength(24);
    for (const item of Items) expect(itemBytes(item)).toBeLessThan(ITEM_LIMIT_BYTES);
    expect(first).toMatchObject({ status: 'synced', outcomes: { stored: 24 } });
    // DynamoDB Local reports the write units: a 1 Hz hour is a few KB.
    expect(firstWriteUnits).toBeGreaterThanOrEqual(24);
    expect(firstWriteUnits).toBeLessThanOrEqual(24 * 4);

    // The same whole day again (a fresh cursor): every hour is compared, none is written.
    links.seed(linkFor('m-dense'));
    const again = await syncMember(job, deps);
    expect(again).toMatchObject({ outcomes: { stored: 0, replaced: 0, duplicate: 24 } });
    expect(readings.consumedWriteUnits).toBe(firstWriteUnits);
  }, 180_000);

  it('never lets an older job overwrite a bucket a newer job wrote', async () => {
    const readings = storeFor();
    const hour: HeartRateHourBucket = {
      metric: 'heart-rate',
      memberId: 'm-race',
      measuredAt: '2026-11-19T07:00:00.000Z',
      endAt: '2026-11-19T08:00:00.000Z',
      utcOffsetMinutes: 0,
      localDate: '2026-11-19',
      samples: [
        [0, 60],
        [1, 61],
      ],
      summary: { count: 2, min: 60, max: 61, mean: 60.5 },
      newestSampleAt: '2026-11-19T07:00:01.000Z',
      provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
    };
    const newer = { ...hour, samples: [...hour.samples, [2, 62]] as Array<[number, number]> };

    expect(await readings.put(newer, { fetchedAt: '2026-11-19T08:05:00.000Z' })).toBe('stored');
    const unitsAfterNewer = readings.consumedWriteUnits;
    expect(await readings.put(hour, { fetchedAt: '2026-11-19T08:00:00.000Z' })).toBe('stale');

    expect(readings.consumedWriteUnits).toBe(unitsAfterNewer);
    const [stored] = await readings.listRange({ memberId: 'm-race', metric: 'heart-rate', ...DAY });
    expect(stored).toEqual(newer);
  });
});
