import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BloodPressureReading } from '../../shared/domain/blood-pressure-reading.js';
import type { ReadingStore } from '../../shared/domain/ports/reading-store.js';
import type { HeartRateHourBucket, StepsDay, WeightReading } from '../../shared/domain/wearable-reading.js';

const member = () => `m-${randomUUID()}`;

const bloodPressure = (
  memberId: string,
  fields: Partial<BloodPressureReading> = {},
): BloodPressureReading => ({
  metric: 'blood-pressure',
  memberId,
  measuredAt: '2026-11-20T07:31:00.000Z',
  utcOffsetMinutes: 0,
  systolic: 128,
  diastolic: 82,
  meanArterialPressure: 97,
  provenance: { source: 'bluetooth-0x2a35', deviceId: 'd-1', recordingMethod: 'device-measured' },
  ...fields,
});

const weight = (memberId: string, measuredAt: string, kilograms = 80): WeightReading => ({
  metric: 'weight',
  memberId,
  measuredAt,
  utcOffsetMinutes: 0,
  localDate: measuredAt.slice(0, 10),
  kilograms,
  provenance: { source: 'google-health', recordingMethod: 'manual', sourceRecordId: `w-${measuredAt}` },
});

const stepsDay = (memberId: string, total: number): StepsDay => ({
  metric: 'steps',
  memberId,
  measuredAt: '2026-11-20T00:00:00.000Z',
  endAt: '2026-11-21T00:00:00.000Z',
  utcOffsetMinutes: 0,
  localDate: '2026-11-20',
  total,
  hourly: [{ hourStart: '2026-11-20T09:00:00+00:00', count: total }],
  provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
});

const heartRateHour = (
  memberId: string,
  hourStart: string,
  samples: Array<[number, number]>,
): HeartRateHourBucket => {
  const values = samples.map(([, value]) => value);
  const start = Date.parse(hourStart);
  return {
    metric: 'heart-rate',
    memberId,
    measuredAt: hourStart,
    endAt: new Date(start + 3_600_000).toISOString(),
    utcOffsetMinutes: 0,
    localDate: hourStart.slice(0, 10),
    samples,
    summary: {
      count: values.length,
      min: Math.min(...values),
      max: Math.max(...values),
      mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    },
    newestSampleAt: new Date(start + (samples.at(-1)?.[0] ?? 0) * 1000).toISOString(),
    provenance: { source: 'google-health', recordingMethod: 'passively-measured', deviceId: 'Pixel Watch' },
  };
};

/**
 * The ReadingStore contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts) and
 * DynamoDbReadingStore on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const readingStoreContract = (name: string, create: () => ReadingStore) => {
  describe(`ReadingStore contract: ${name}`, () => {
    it('puts a sparse reading once: a second put on its natural key is a duplicate and changes nothing', async () => {
      const store = create();
      const memberId = member();
      const reading = bloodPressure(memberId);
      expect(await store.put(reading)).toBe('stored');
      expect(await store.put(reading)).toBe('duplicate');
      expect(await store.put({ ...reading, systolic: 190 })).toBe('duplicate');
      expect(await store.listRange({ memberId, metric: 'blood-pressure' })).toEqual([reading]);
    });

    it('recognises a clock-suspect re-upload by device time and values, though its measuredAt moved', async () => {
      const store = create();
      const memberId = member();
      const clock = { deviceTime: '2000-01-01T00:03:00', timeSource: 'received' as const };
      const first = bloodPressure(memberId, { measuredAt: '2026-11-20T08:00:00.000Z', clock });
      expect(await store.put(first)).toBe('stored');
      expect(await store.put({ ...first, measuredAt: '2026-11-20T09:00:00.000Z' })).toBe('duplicate');
      expect(await store.put({ ...first, measuredAt: '2026-11-20T09:00:00.000Z', systolic: 140 })).toBe(
        'stored',
      );
      expect(await store.listRange({ memberId, metric: 'blood-pressure' })).toHaveLength(2);
    });

    it('replaces a day item whole: identical is a duplicate, changed is replaced', async () => {
      const store = create();
      const memberId = member();
      expect(await store.put(stepsDay(memberId, 1000))).toBe('stored');
      expect(await store.put(stepsDay(memberId, 1000))).toBe('duplicate');
      expect(await store.put(stepsDay(memberId, 2500))).toBe('replaced');
      expect(await store.listRange({ memberId, metric: 'steps' })).toEqual([stepsDay(memberId, 2500)]);
    });

    it('never lets an earlier fetch overwrite what a later fetch stored (stale)', async () => {
      const store = create();
      const memberId = member();
      expect(await store.put(stepsDay(memberId, 3000), { fetchedAt: '2026-11-20T12:00:00.000Z' })).toBe(
        'stored',
      );
      expect(await store.put(stepsDay(memberId, 1000), { fetchedAt: '2026-11-20T11:00:00.000Z' })).toBe(
        'stale',
      );
      expect(await store.listRange({ memberId, metric: 'steps' })).toEqual([stepsDay(memberId, 3000)]);
      expect(await store.put(stepsDay(memberId, 3500), { fetchedAt: '2026-11-20T13:00:00.000Z' })).toBe(
        'replaced',
      );
      expect(await store.listRange({ memberId, metric: 'steps' })).toEqual([stepsDay(memberId, 3500)]);
    });

    it('keeps an hour bucket’s samples exactly, and an identical hour is a duplicate', async () => {
      const store = create();
      const memberId = member();
      const hour = heartRateHour(memberId, '2026-11-20T07:00:00.000Z', [
        [0.5, 61],
        [60.25, 64],
        [3500.5, 70.5],
      ]);
      expect(await store.put(hour)).toBe('stored');
      expect(await store.put(hour)).toBe('duplicate');
      expect(await store.listRange({ memberId, metric: 'heart-rate' })).toEqual([hour]);
      const fuller = heartRateHour(memberId, '2026-11-20T07:00:00.000Z', [...hour.samples, [3599.999, 71]]);
      expect(await store.put(fuller)).toBe('replaced');
      expect(await store.listRange({ memberId, metric: 'heart-rate' })).toEqual([fuller]);
    });

    it('lists a range in time order, bounds inclusive, up to a limit, of one member and metric only', async () => {
      const store = create();
      const memberId = member();
      const times = ['2026-11-18T08:00:00.000Z', '2026-11-19T08:00:00.000Z', '2026-11-20T08:00:00.000Z'];
      for (const at of [...times].reverse()) await store.put(weight(memberId, at));
      await store.put(weight(member(), times[1] ?? ''));
      await store.put(bloodPressure(memberId, { measuredAt: times[1] ?? '' }));
      const measured = async (query: { from?: string; to?: string; limit?: number }) =>
        (await store.listRange({ memberId, metric: 'weight', ...query })).map((each) => each.measuredAt);
      expect(await measured({})).toEqual(times);
      expect(await measured({ from: times[1], to: times[2] })).toEqual([times[1], times[2]]);
      expect(await measured({ from: '2026-11-18T08:00:00.001Z', to: '2026-11-19T23:00:00.000Z' })).toEqual([
        times[1],
      ]);
      expect(await measured({ limit: 2 })).toEqual([times[0], times[1]]);
    });

    it('includes an hour that overlaps `from` and leaves out one that ends at it', async () => {
      const store = create();
      const memberId = member();
      const seven = heartRateHour(memberId, '2026-11-20T07:00:00.000Z', [[10, 60]]);
      const eight = heartRateHour(memberId, '2026-11-20T08:00:00.000Z', [[10, 62]]);
      await store.put(eight);
      await store.put(seven);
      const starts = async (from: string, to?: string) =>
        (
          await store.listRange({ memberId, metric: 'heart-rate', from, ...(to === undefined ? {} : { to }) })
        ).map((each) => each.measuredAt);
      expect(await starts('2026-11-20T07:30:00.000Z')).toEqual([seven.measuredAt, eight.measuredAt]);
      expect(await starts('2026-11-20T08:00:00.000Z')).toEqual([eight.measuredAt]);
      expect(await starts('2026-11-20T06:00:00.000Z', '2026-11-20T07:59:59.999Z')).toEqual([
        seven.measuredAt,
      ]);
    });

    it('deletes by natural key, saying whether there was a reading to delete', async () => {
      const store = create();
      const memberId = member();
      const reading = weight(memberId, '2026-11-20T08:00:00.000Z');
      await store.put(reading);
      expect(await store.delete({ ...reading, kilograms: 81 })).toBe(true);
      expect(await store.delete(reading)).toBe(false);
      expect(await store.listRange({ memberId, metric: 'weight' })).toEqual([]);
      expect(await store.put(reading)).toBe('stored');
    });
  });
};
