import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../../../shared/adapters/google-health/data-client.js';
import { type SyncMemberDependencies, syncMember } from '../../../shared/domain/google-health/sync-member.js';
import type { Metric } from '../../../shared/domain/metric.js';
import { InMemoryLinkStore, linkFor } from '../../fakes/link-store.js';
import { linkUser } from '../google-health-simulator/oauth-flow.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

/**
 * The shapes the real API returns (google/devicesandservices/health/v4 protos), end to end through the
 * simulator, the data client, syncMember and DynamoDB Local.
 */
let now = new Date('2026-11-20T12:00:00Z');
let stack: IsolatedStack;
let simulator: GoogleHealthSimulator;
const accessTokens = new Map<string, string>();

beforeAll(async () => {
  stack = await createIsolatedStack();
  simulator = await startGoogleHealthSimulator({
    port: 0,
    seed: 515,
    clock: () => now,
    accessTokenLifetimeSeconds: 30 * 86_400,
  });
});

afterAll(async () => {
  await simulator?.stop();
  await stack?.stop();
});

const member = async (key: string) => {
  const links = new InMemoryLinkStore();
  const user = simulator.createUser({ userKey: key, timezone: 'Europe/London', dataStartDate: '2026-11-15' });
  accessTokens.set(key, (await linkUser(simulator, key)).access_token);
  links.seed(linkFor(key, { healthUserId: user.healthUserId, timezone: user.timezone }));
  const readings = new DynamoDbReadingStore(createDocumentClient(), stack.resources.tables.readings);
  const client = new GoogleHealthDataClient({
    baseUrl: simulator.urls.api,
    tokens: {
      accessTokenFor: async (memberId) => accessTokens.get(memberId) ?? '',
      invalidate: async () => {},
    },
  });
  const deps: SyncMemberDependencies = { links, readings, source: client, clock: { now: () => now } };
  const stored = (metric: Metric) => readings.listRange({ memberId: key, metric });
  return { links, deps, stored, client };
};

describe('real API shapes through sync and DynamoDB Local', () => {
  it('an app-only weight is stored but never counts as the tracker being worn', async () => {
    const { links, deps, stored } = await member('app-only');
    // The tracker stopped syncing three days ago; the member still types a weight into the app today.
    simulator.stopDeviceSync('app-only', '2026-11-17T09:00:00Z');
    simulator.appendData('app-only', [
      { dataType: 'weight', time: '2026-11-20T08:00:00Z', weightGrams: 80_500, recordingMethod: 'MANUAL' },
    ]);

    await syncMember({ memberId: 'app-only', reason: 'backfill' }, deps);

    const weights = await stored('weight');
    expect(weights.find((reading) => reading.measuredAt === '2026-11-20T08:00:00.000Z')).toMatchObject({
      kilograms: 80.5,
      provenance: { source: 'google-health', recordingMethod: 'unknown' },
    });
    const lastDataAt = (await links.get('app-only'))?.lastDataAt;
    expect(lastDataAt).toBeDefined();
    expect(Date.parse(lastDataAt ?? '')).toBeLessThanOrEqual(Date.parse('2026-11-17T09:00:00Z'));
  });

  it('stores a night of HRV although some samples have no RMSSD', async () => {
    const { deps, stored } = await member('hrv');
    simulator.setUserData('hrv', 'heart-rate-variability', [
      { dataType: 'heart-rate-variability', time: '2026-11-20T02:00:00Z', standardDeviationMilliseconds: 44 },
      { dataType: 'heart-rate-variability', time: '2026-11-20T02:05:00Z', rmssdMilliseconds: 37.5 },
    ]);

    const result = await syncMember(
      { memberId: 'hrv', reason: 'webhook', dataTypes: ['heart-rate-variability'] },
      deps,
    );

    expect(result.status).toBe('synced');
    const [hour] = (await stored('heart-rate-variability')).filter(
      (reading) => reading.measuredAt === '2026-11-20T02:00:00.000Z',
    );
    expect(hour).toMatchObject({ samples: [[300, 37.5]] });
  });

  it('keeps a sleep session Google is still computing for a later sync, then stores it with its stages', async () => {
    const { deps, stored } = await member('sleepy');
    simulator.setUserData('sleepy', 'sleep', [
      {
        dataType: 'sleep',
        start: '2026-11-19T23:00:00Z',
        end: '2026-11-20T06:30:00Z',
        availableAt: '2026-11-20T11:30:00Z',
        processingMinutes: 60,
        stages: [
          { type: 'LIGHT', start: '2026-11-19T23:00:00Z', end: '2026-11-20T03:00:00Z' },
          { type: 'DEEP', start: '2026-11-20T03:00:00Z', end: '2026-11-20T06:30:00Z' },
        ],
      },
    ]);

    await syncMember({ memberId: 'sleepy', reason: 'webhook', dataTypes: ['sleep'] }, deps);
    expect(await stored('sleep')).toEqual([]);

    now = new Date('2026-11-20T12:45:00Z');
    try {
      await syncMember({ memberId: 'sleepy', reason: 'webhook', dataTypes: ['sleep'] }, deps);
    } finally {
      now = new Date('2026-11-20T12:00:00Z');
    }
    expect(await stored('sleep')).toEqual([
      expect.objectContaining({
        measuredAt: '2026-11-19T23:00:00.000Z',
        minutesInSleepPeriod: 450,
        stages: [
          { type: 'LIGHT', minutes: 240, count: 1 },
          { type: 'DEEP', minutes: 210, count: 1 },
        ],
      }),
    ]);
  });

  it('removes a weight and a daily summary the member deleted upstream, once a DELETE widens the window', async () => {
    const { deps, stored } = await member('deleter');
    simulator.setUserData('deleter', 'weight', [
      { dataType: 'weight', time: '2026-11-16T07:00:00Z', weightGrams: 81_000 },
      { dataType: 'weight', time: '2026-11-18T07:00:00Z', weightGrams: 81_200 },
    ]);
    await syncMember({ memberId: 'deleter', reason: 'backfill' }, deps);
    expect((await stored('weight')).map((reading) => reading.measuredAt)).toEqual([
      '2026-11-16T07:00:00.000Z',
      '2026-11-18T07:00:00.000Z',
    ]);
    const restingDays = (await stored('resting-heart-rate')).length;
    expect(restingDays).toBeGreaterThan(2);

    simulator.setUserData('deleter', 'weight', [
      { dataType: 'weight', time: '2026-11-18T07:00:00Z', weightGrams: 81_200 },
    ]);
    simulator.setUserData('deleter', 'daily-resting-heart-rate', []);
    const result = await syncMember(
      {
        memberId: 'deleter',
        reason: 'webhook',
        dataTypes: ['weight', 'daily-resting-heart-rate'],
        changedSince: { weight: '2026-11-16T06:00:00Z', 'daily-resting-heart-rate': '2026-11-15T00:00:00Z' },
      },
      deps,
    );

    expect(result).toMatchObject({ removed: 1 + restingDays });
    expect((await stored('weight')).map((reading) => reading.measuredAt)).toEqual([
      '2026-11-18T07:00:00.000Z',
    ]);
    expect(await stored('resting-heart-rate')).toEqual([]);
  });
});
