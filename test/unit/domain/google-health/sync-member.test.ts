import { beforeEach, describe, expect, it } from 'vitest';
import type { DataPointBatch } from '../../../../shared/adapters/google-health/normalise-data-points.js';
import { toWearableWindow } from '../../../../shared/adapters/google-health/wearable-window.js';
import { DataTypeAccessDeniedError } from '../../../../shared/domain/google-health/data-type-access-denied.js';
import { GOOGLE_HEALTH_DATA_TYPES } from '../../../../shared/domain/google-health/data-types.js';
import { syncMember } from '../../../../shared/domain/google-health/sync-member.js';
import type { SyncWindow } from '../../../../shared/domain/google-health/sync-window.js';
import type { WearableSource, WearableWindow } from '../../../../shared/domain/ports/wearable-source.js';
import type { SyncJob } from '../../../../shared/domain/sync-job.js';
import { InMemoryLinkStore, linkFor } from '../../../fakes/link-store.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';

const sampleTime = (physicalTime: string) => ({ physicalTime, utcOffset: '0s' });
const device = {
  platform: 'FITBIT',
  recordingMethod: 'PASSIVELY_MEASURED' as const,
  device: { displayName: 'Charge 6' },
};

const HEART_RATE = [
  ['2026-11-22T08:00:00Z', 58],
  ['2026-11-23T07:00:00Z', 61],
  ['2026-11-23T07:00:05Z', 63],
] as const;

/** Upstream holds a fixed set of points; the fake answers each window with the points inside it. */
class FakeSource implements WearableSource {
  readonly windows: SyncWindow[] = [];
  readonly wearChecks: Array<{ startTime: string; endTime: string }> = [];
  failOn?: string;
  manualWeighInAt?: string;
  /** The member deleted the scale's weigh-in in the app. */
  weighInDeleted = false;

  /** Like the google-wearables family: heart rate from the tracker only, never the manual weigh-in. */
  async newestWornTime(_memberId: string, range: { startTime: string; endTime: string }) {
    this.wearChecks.push(range);
    const times = HEART_RATE.map(([time]) => time).filter(
      (time) => time >= range.startTime && time < range.endTime,
    );
    return times.length === 0 ? undefined : new Date(times.sort().at(-1) ?? '').toISOString();
  }

  refuse = new Set<string>();
  accountWide = false;

  /** Through the Google adapter's own translation, as the real client does. */
  async fetchWindow(memberId: string, window: SyncWindow, timeZone: string): Promise<WearableWindow> {
    this.windows.push(window);
    return toWearableWindow(this.upstreamPoints(window), { memberId, timeZone });
  }

  private upstreamPoints(window: SyncWindow): DataPointBatch {
    if (window.dataType === this.failOn) throw new Error('upstream exhausted');
    if (this.refuse.has(window.dataType)) {
      throw new DataTypeAccessDeniedError(window.dataType, this.accountWide, 'answered 403');
    }
    const inWindow = (time: string) => time >= window.startTime && time < window.endTime;
    switch (window.dataType) {
      case 'heart-rate':
        return {
          dataType: 'heart-rate',
          points: HEART_RATE.filter(([time]) => inWindow(time)).map(([time, beatsPerMinute]) => ({
            dataSource: device,
            heartRate: { beatsPerMinute, sampleTime: sampleTime(time) },
          })),
        };
      case 'weight':
        return {
          dataType: 'weight',
          points: [
            ...(this.weighInDeleted
              ? []
              : [
                  {
                    name: 'x/w1',
                    dataSource: device,
                    weight: { weightGrams: 70_000, sampleTime: sampleTime('2026-11-22T07:00:00Z') },
                  },
                ]),
            ...(this.manualWeighInAt === undefined
              ? []
              : [
                  {
                    name: 'x/w2',
                    dataSource: { ...device, recordingMethod: 'MANUAL' as const },
                    weight: { weightGrams: 70_100, sampleTime: sampleTime(this.manualWeighInAt) },
                  },
                ]),
          ].filter((point) => inWindow(point.weight.sampleTime.physicalTime)),
        };
      default:
        return { dataType: window.dataType, points: [] } as DataPointBatch;
    }
  }
}

const clock = { now: () => new Date('2026-11-23T10:00:00Z') };

describe('syncMember', () => {
  let links: InMemoryLinkStore;
  let readings: InMemoryReadingStore;
  let source: FakeSource;

  beforeEach(() => {
    links = new InMemoryLinkStore();
    readings = new InMemoryReadingStore();
    source = new FakeSource();
    links.seed(linkFor('m-1'));
  });

  it('backfills, stores readings and advances cursors and lastDataAt', async () => {
    const result = await syncMember(
      { memberId: 'm-1', reason: 'backfill' },
      { links, readings, source, clock },
    );

    expect(result).toEqual({
      status: 'synced',
      outcomes: { stored: 3, duplicate: 0, replaced: 0, stale: 0 },
      removed: 0,
      dataTypes: 8,
      refused: [],
      continued: [],
    });
    // Sparse and daily types in one window each; dense types a member-local day (up to 25 hours on a
    // clock-change day) plus the two-hour overlap at a time.
    const heartRateWindows = source.windows.filter((window) => window.dataType === 'heart-rate');
    expect(source.windows.filter((window) => window.dataType === 'weight')).toHaveLength(1);
    expect(heartRateWindows.length).toBeGreaterThanOrEqual(31);
    for (const window of heartRateWindows) {
      expect(Date.parse(window.endTime) - Date.parse(window.startTime)).toBeLessThanOrEqual(27 * 3_600_000);
    }
    expect(heartRateWindows[0]?.startTime).toBe('2026-10-23T23:00:00Z');
    expect(heartRateWindows.at(-1)?.endTime).toBe('2026-11-23T10:00:00Z');
    const link = await links.get('m-1');
    expect(link?.cursors['heart-rate']).toBe('2026-11-23T07:00:05.000Z');
    expect(link?.cursors.weight).toBe('2026-11-22T07:00:00.000Z');
    expect(link?.cursors.sleep).toBe('2026-11-16T10:00:00.000Z');
    expect(link?.lastDataAt).toBe('2026-11-23T07:00:05.000Z');
    expect(link?.lastSyncAt).toBe('2026-11-23T10:00:00.000Z');
  });

  it('leaves the hour still in progress for the next sync, which stores it once complete', async () => {
    const at = (iso: string) => ({ now: () => new Date(iso) });
    const job = { memberId: 'm-1', reason: 'webhook' as const, dataTypes: ['heart-rate' as const] };
    links.seed(linkFor('m-1', { cursors: { 'heart-rate': '2026-11-23T06:00:00.000Z' } }));
    await syncMember(job, { links, readings, source, clock: at('2026-11-23T07:30:00Z') });
    expect(readings.items.size).toBe(0);
    expect((await links.get('m-1'))?.cursors['heart-rate']).toBe('2026-11-23T07:00:05.000Z');

    await syncMember(job, { links, readings, source, clock: at('2026-11-23T08:30:00Z') });
    expect([...readings.items.values()].map((reading) => reading.measuredAt)).toEqual([
      '2026-11-23T07:00:00.000Z',
    ]);
  });

  it('stores a manual weigh-in but does not count it as the device being worn', async () => {
    source.manualWeighInAt = '2026-11-23T09:30:00Z';
    await syncMember({ memberId: 'm-1', reason: 'backfill' }, { links, readings, source, clock });

    const link = await links.get('m-1');
    expect(link?.cursors.weight).toBe('2026-11-23T09:30:00.000Z');
    expect(link?.lastDataAt).toBe('2026-11-23T07:00:05.000Z');
  });

  it('stores nothing twice when the same job is delivered again', async () => {
    const job = { memberId: 'm-1', reason: 'webhook' as const };
    await syncMember(job, { links, readings, source, clock });
    const before = [...readings.items.entries()];
    const again = await syncMember(job, { links, readings, source, clock });

    expect(again).toMatchObject({ outcomes: { stored: 0, replaced: 0 } });
    expect([...readings.items.entries()]).toEqual(before);
  });

  it('deletes a sparse reading upstream no longer has when its window is re-read', async () => {
    await syncMember({ memberId: 'm-1', reason: 'backfill' }, { links, readings, source, clock });
    const weights = () => [...readings.items.values()].filter((reading) => reading.metric === 'weight');
    expect(weights()).toHaveLength(1);

    source.weighInDeleted = true;
    // A DELETE notification names the interval, which widens the window to cover it.
    const result = await syncMember(
      {
        memberId: 'm-1',
        reason: 'webhook',
        dataTypes: ['weight'],
        changedSince: { weight: '2026-11-22T06:00:00Z' },
      },
      { links, readings, source, clock },
    );
    expect(result).toMatchObject({ removed: 1 });
    expect(weights()).toEqual([]);
  });

  it('syncs only the requested types', async () => {
    await syncMember(
      { memberId: 'm-1', reason: 'webhook', dataTypes: ['weight'] },
      { links, readings, source, clock },
    );
    expect(source.windows.map((window) => window.dataType)).toEqual(['weight']);
    expect(Object.keys((await links.get('m-1'))?.cursors ?? {})).toEqual(['weight']);
    // A weight, typed in or from a scale, says nothing about the tracker: no worn-device request.
    expect(source.wearChecks).toEqual([]);
  });

  it('asks whether the tracker was worn once per sync, from the last worn time known', async () => {
    links.seed(linkFor('m-1', { lastDataAt: '2026-11-23T07:00:00.000Z' }));
    await syncMember(
      { memberId: 'm-1', reason: 'webhook', dataTypes: ['steps', 'heart-rate'] },
      { links, readings, source, clock },
    );

    expect(source.wearChecks).toEqual([
      { startTime: '2026-11-23T07:00:00Z', endTime: '2026-11-23T10:00:00Z' },
    ]);
    expect((await links.get('m-1'))?.lastDataAt).toBe('2026-11-23T07:00:05.000Z');
  });

  it('skips members whose link is not linked', async () => {
    links.seed(linkFor('m-2', { state: 'needs-relink' }));
    expect(
      await syncMember({ memberId: 'm-2', reason: 'catch-up' }, { links, readings, source, clock }),
    ).toEqual({
      status: 'skipped',
      reason: 'not-linked',
    });
    expect(
      await syncMember({ memberId: 'nobody', reason: 'catch-up' }, { links, readings, source, clock }),
    ).toEqual({
      status: 'skipped',
      reason: 'no-link',
    });
    expect(source.windows).toEqual([]);
  });

  it('syncs the other types when one fails, checkpoints them, and fails the job to retry the rest', async () => {
    source.failOn = 'sleep';
    await expect(
      syncMember({ memberId: 'm-1', reason: 'webhook' }, { links, readings, source, clock }),
    ).rejects.toThrow('upstream exhausted');
    const link = await links.get('m-1');
    expect(link?.cursors.sleep).toBeUndefined();
    expect(link?.cursors.weight).toBe('2026-11-22T07:00:00.000Z');
    // The weigh-in is stored; the heart rate lies beyond this job's first bounded chunk.
    expect([...readings.items.values()].map((reading) => reading.metric)).toEqual(['weight']);
  });

  it('fetches one bounded chunk per job and queues the rest as a continuation', async () => {
    const sent: SyncJob[] = [];
    const queue = { send: async (jobs: readonly SyncJob[]) => void sent.push(...jobs) };
    const result = await syncMember(
      { memberId: 'm-1', reason: 'backfill', backfillDays: 30 },
      { links, readings, source, clock, queue },
    );

    expect(result).toMatchObject({
      status: 'synced',
      continued: ['heart-rate', 'steps', 'oxygen-saturation', 'heart-rate-variability'],
    });
    expect(sent).toEqual([
      {
        memberId: 'm-1',
        reason: 'backfill',
        backfillDays: 30,
        dataTypes: ['heart-rate', 'steps', 'oxygen-saturation', 'heart-rate-variability'],
      },
    ]);
    // The checkpoint: the dense cursors sit at the end of the first local day.
    expect((await links.get('m-1'))?.cursors['heart-rate']).toBe('2026-10-24T23:00:00.000Z');
  });

  it('asks whether the tracker was worn once in a chunked backfill, over the whole backfill', async () => {
    await syncMember(
      { memberId: 'm-1', reason: 'backfill', backfillDays: 30 },
      { links, readings, source, clock },
    );

    // 31 chunks, one question: over the whole backfill up to now (an app-only last day is covered by
    // test/integration/sync/real-api-shapes.test.ts).
    expect(source.wearChecks).toEqual([
      { startTime: '2026-10-23T23:00:00Z', endTime: '2026-11-23T10:00:00Z' },
    ]);
    expect((await links.get('m-1'))?.lastDataAt).toBe('2026-11-23T07:00:05.000Z');
  });
});

describe('syncMember with partial consent', () => {
  let links: InMemoryLinkStore;
  let readings: InMemoryReadingStore;
  let source: FakeSource;
  let consentTasks: Array<{ refusedTypes: readonly string[]; linkedAt: string }>;
  let relinks: string[];
  const deps = () => ({
    links,
    readings,
    source,
    clock,
    consentTasks: {
      raiseScopeRefused: async (input: (typeof consentTasks)[number]) => void consentTasks.push(input),
    },
    relink: { raiseNeedsRelink: async (memberId: string) => void relinks.push(memberId) },
  });

  beforeEach(() => {
    links = new InMemoryLinkStore();
    readings = new InMemoryReadingStore();
    source = new FakeSource();
    consentTasks = [];
    relinks = [];
    links.seed(linkFor('m-1'));
  });

  it('syncs the granted types, records the refused ones and raises one staff task, not a failure', async () => {
    source.refuse = new Set(['heart-rate', 'weight']);
    const result = await syncMember({ memberId: 'm-1', reason: 'catch-up' }, deps());

    expect(result).toMatchObject({ status: 'synced', refused: ['heart-rate', 'weight'] });
    const link = await links.get('m-1');
    expect(link?.refusedTypes).toEqual(['heart-rate', 'weight']);
    expect(link?.grantedTypes).toContain('steps');
    expect(link?.cursors['heart-rate']).toBeUndefined();
    expect(link?.cursors.steps).toBeDefined();
    expect(consentTasks).toEqual([expect.objectContaining({ refusedTypes: ['heart-rate', 'weight'] })]);

    await syncMember({ memberId: 'm-1', reason: 'catch-up' }, deps());
    expect(consentTasks).toHaveLength(1);
    expect(link?.state).toBe('linked');
  });

  it('forgets a refusal once the type is served again', async () => {
    source.refuse = new Set(['steps']);
    await syncMember({ memberId: 'm-1', reason: 'catch-up' }, deps());
    source.refuse = new Set();
    await syncMember({ memberId: 'm-1', reason: 'catch-up' }, deps());
    expect((await links.get('m-1'))?.refusedTypes).toEqual([]);
  });

  it('marks the link needs-relink when every type is refused', async () => {
    source.refuse = new Set(GOOGLE_HEALTH_DATA_TYPES);
    const result = await syncMember({ memberId: 'm-1', reason: 'catch-up' }, deps());

    expect(result).toEqual({ status: 'needs-relink', refused: [...GOOGLE_HEALTH_DATA_TYPES] });
    expect((await links.get('m-1'))?.state).toBe('needs-relink');
    expect(relinks).toEqual(['m-1']);
    expect(consentTasks).toEqual([]);
  });

  it('marks the link needs-relink on the account-wide RESOURCE_PERMISSION_DENIED', async () => {
    source.refuse = new Set(['sleep']);
    source.accountWide = true;
    const result = await syncMember({ memberId: 'm-1', reason: 'catch-up', dataTypes: ['sleep'] }, deps());

    expect(result.status).toBe('needs-relink');
    expect((await links.get('m-1'))?.state).toBe('needs-relink');
    expect(relinks).toEqual(['m-1']);
  });
});
