import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  DATA_POINT_SCHEMAS,
  type DataPointOf,
} from '../../../../shared/adapters/google-health/data-point-schemas.js';
import {
  type DataPointBatch,
  normaliseDataPoints,
} from '../../../../shared/adapters/google-health/normalise-data-points.js';
import type { GoogleHealthDataType } from '../../../../shared/domain/google-health/data-types.js';

const context = { memberId: 'm-1', timeZone: 'Europe/London' };

/** Reads a fixture (a list response) and validates it exactly as the data client does. */
const points = <T extends GoogleHealthDataType>(dataType: T, file: string): DataPointOf[T][] => {
  const body = JSON.parse(
    readFileSync(new URL(`../../../fixtures/google-health/${file}`, import.meta.url), 'utf8'),
  );
  return z.array(DATA_POINT_SCHEMAS[dataType]).parse(body.dataPoints) as DataPointOf[T][];
};
const normalise = <T extends GoogleHealthDataType>(dataType: T, file: string) =>
  normaliseDataPoints({ dataType, points: points(dataType, file) } as DataPointBatch, context);

describe('heart rate', () => {
  it('buckets samples by UTC hour across the spring-forward change, sorted, deduplicated and summarised', () => {
    const buckets = normalise('heart-rate', 'heart-rate-spring-forward.json');

    expect(buckets.map((bucket) => [bucket.measuredAt, bucket.localDate])).toEqual([
      ['2026-03-28T23:00:00.000Z', '2026-03-28'],
      ['2026-03-29T00:00:00.000Z', '2026-03-29'],
      ['2026-03-29T01:00:00.000Z', '2026-03-29'],
      ['2026-03-29T22:00:00.000Z', '2026-03-29'],
      ['2026-03-29T23:00:00.000Z', '2026-03-30'],
    ]);
    expect(buckets[1]).toEqual({
      metric: 'heart-rate',
      memberId: 'm-1',
      localDate: '2026-03-29',
      measuredAt: '2026-03-29T00:00:00.000Z',
      endAt: '2026-03-29T01:00:00.000Z',
      utcOffsetMinutes: 0,
      samples: [
        [5, 54],
        [1800, 55],
      ],
      summary: { count: 2, min: 54, max: 55, mean: 54.5 },
      newestSampleAt: '2026-03-29T00:30:00.000Z',
      provenance: {
        source: 'google-health',
        platform: 'FITBIT',
        deviceId: 'Charge 6',
        recordingMethod: 'passively-measured',
      },
    });
    // 01:30 UTC arrived twice: kept once. After the change, the hour starts at local 02:00 (+01:00).
    expect(buckets[2]).toMatchObject({ samples: [[1800, 61]], utcOffsetMinutes: 60 });
    expect(buckets[4]).toMatchObject({ utcOffsetMinutes: 60, samples: [[0, 68]] });
  });

  it('gives the same buckets when the same window arrives twice', () => {
    const once = points('heart-rate', 'heart-rate-spring-forward.json');
    const twice = normaliseDataPoints({ dataType: 'heart-rate', points: [...once, ...once] }, context);
    expect(twice).toEqual(normaliseDataPoints({ dataType: 'heart-rate', points: once }, context));
  });
});

describe('steps', () => {
  it('has 23 local hours on 29 March 2026 in London, with counts in the right hour', () => {
    const days = normalise('steps', 'steps-spring-forward.json');
    const day = days.find((item) => item.localDate === '2026-03-29');
    if (day?.metric !== 'steps') throw new Error('no steps day for 29 March');

    expect(day.hourly).toHaveLength(23);
    expect(day.total).toBe(145);
    expect(day.hourly[0]).toEqual({ hourStart: '2026-03-29T00:00:00+00:00', count: 42 });
    expect(day.hourly[1]).toEqual({ hourStart: '2026-03-29T02:00:00+01:00', count: 88 });
    expect(day.hourly[22]).toEqual({ hourStart: '2026-03-29T23:00:00+01:00', count: 15 });
    expect(day).toMatchObject({
      measuredAt: '2026-03-29T00:00:00.000Z',
      endAt: '2026-03-29T23:00:00.000Z',
      utcOffsetMinutes: 0,
    });
    expect(days.find((item) => item.localDate === '2026-03-28')).toMatchObject({ total: 7 });
  });

  it('has 25 local hours on 25 October 2026 in London, counting the repeated 01:00 hour separately', () => {
    const days = normalise('steps', 'steps-fall-back.json');
    const day = days.find((item) => item.localDate === '2026-10-25');
    if (day?.metric !== 'steps') throw new Error('no steps day for 25 October');

    expect(day.hourly).toHaveLength(25);
    expect(day.total).toBe(65);
    expect(day.hourly.slice(0, 3)).toEqual([
      { hourStart: '2026-10-25T00:00:00+01:00', count: 10 },
      { hourStart: '2026-10-25T01:00:00+01:00', count: 20 },
      { hourStart: '2026-10-25T01:00:00+00:00', count: 30 },
    ]);
    expect(day.hourly[24]).toEqual({ hourStart: '2026-10-25T23:00:00+00:00', count: 5 });
    expect(day).toMatchObject({ measuredAt: '2026-10-24T23:00:00.000Z', utcOffsetMinutes: 60 });
    expect(days.find((item) => item.localDate === '2026-10-24')).toMatchObject({ total: 99 });
  });

  it('does not double-count minute intervals fetched twice', () => {
    const once = points('steps', 'steps-fall-back.json');
    const twice = normaliseDataPoints({ dataType: 'steps', points: [...once, ...once] }, context);
    expect(twice).toEqual(normaliseDataPoints({ dataType: 'steps', points: once }, context));
  });
});

describe('sleep', () => {
  it('keeps the session with its stage summary, dated by the wake-up day', () => {
    const [night] = normalise('sleep', 'sleep.json');

    expect(night).toEqual({
      metric: 'sleep',
      memberId: 'm-1',
      measuredAt: '2026-11-20T23:12:00.000Z',
      endAt: '2026-11-21T06:48:00.000Z',
      utcOffsetMinutes: 0,
      localDate: '2026-11-21',
      minutesAsleep: 441,
      minutesAwake: 15,
      minutesInSleepPeriod: 456,
      stages: [
        { type: 'LIGHT', minutes: 28, count: 1 },
        { type: 'DEEP', minutes: 90, count: 1 },
        { type: 'AWAKE', minutes: 15, count: 1 },
        { type: 'REM', minutes: 323, count: 1 },
      ],
      nap: false,
      provenance: {
        source: 'google-health',
        platform: 'FITBIT',
        deviceId: 'Charge 6',
        recordingMethod: 'passively-measured',
        sourceRecordId: 'sl-20261121',
      },
    });
  });

  it('adds up stages when there is no summary and falls back to the start time as record id', () => {
    const [, nap] = normalise('sleep', 'sleep.json');
    expect(nap).toMatchObject({
      minutesAsleep: 35,
      minutesAwake: 5,
      minutesInSleepPeriod: 40,
      stages: [
        { type: 'ASLEEP', minutes: 35, count: 1 },
        { type: 'RESTLESS', minutes: 5, count: 1 },
      ],
      nap: true,
      provenance: { sourceRecordId: '2026-11-19T14:00:00Z' },
    });
  });
});

describe('unprocessed sleep', () => {
  it('is left for a later sync, since sleep sessions are stored once', () => {
    const [night] = points('sleep', 'sleep.json');
    if (night === undefined) throw new Error('fixture has no sleep');
    const preliminary = { ...night, sleep: { ...night.sleep, metadata: { nap: false, processed: false } } };
    expect(normaliseDataPoints({ dataType: 'sleep', points: [preliminary] }, context)).toEqual([]);
  });

  it('is read as unprocessed when `processed` is absent, as proto3 JSON omits a false bool', () => {
    const [night] = points('sleep', 'sleep.json');
    if (night === undefined) throw new Error('fixture has no sleep');
    const computing = { ...night, sleep: { ...night.sleep, metadata: { mainSleep: true } } };
    const noMetadata = { ...night, sleep: { ...night.sleep, metadata: undefined } };
    expect(normaliseDataPoints({ dataType: 'sleep', points: [computing, noMetadata] }, context)).toEqual([]);
  });
});

describe('reconciled points (no dataSource, no name)', () => {
  it('store an honest unknown recording method and the dataPointName when Google gives one', () => {
    const [weighIn] = points('weight', 'weight.json');
    if (weighIn === undefined) throw new Error('fixture has no weight');
    const reconciled = DATA_POINT_SCHEMAS.weight.parse({
      dataPointName: 'users/me/dataTypes/weight/dataPoints/abc',
      weight: { weightGrams: 70123, sampleTime: weighIn.weight.sampleTime },
    });
    const unnamed = DATA_POINT_SCHEMAS.weight.parse({
      weight: { weightGrams: 70200, sampleTime: weighIn.weight.sampleTime },
    });
    const [named, anonymous] = normaliseDataPoints(
      { dataType: 'weight', points: [reconciled, unnamed] },
      context,
    );
    expect(named?.provenance).toEqual({
      source: 'google-health',
      recordingMethod: 'unknown',
      sourceRecordId: 'abc',
      original: { value: 70123, unit: 'g' },
    });
    expect(anonymous?.provenance).toEqual({
      source: 'google-health',
      recordingMethod: 'unknown',
      original: { value: 70200, unit: 'g' },
    });
  });
});

describe('optional fields and new enum values', () => {
  it('skips an HRV sample without RMSSD and keeps the rest of the page', () => {
    const sampleTime = (physicalTime: string) => ({ physicalTime, utcOffset: '0s' });
    const page = z.array(DATA_POINT_SCHEMAS['heart-rate-variability']).parse([
      {
        heartRateVariability: {
          sampleTime: sampleTime('2026-11-20T02:00:00Z'),
          standardDeviationMilliseconds: 40,
        },
      },
      {
        heartRateVariability: {
          sampleTime: sampleTime('2026-11-20T02:05:00Z'),
          rootMeanSquareOfSuccessiveDifferencesMilliseconds: 31.5,
        },
      },
    ]);
    const [bucket] = normaliseDataPoints({ dataType: 'heart-rate-variability', points: page }, context);
    expect(bucket).toMatchObject({ measuredAt: '2026-11-20T02:00:00.000Z', samples: [[300, 31.5]] });
  });

  it('reads a recording method, sleep stage or platform Google adds later without failing the page', () => {
    const [night] = points('sleep', 'sleep.json');
    if (night === undefined) throw new Error('fixture has no sleep');
    const parsed = DATA_POINT_SCHEMAS.sleep.parse({
      ...night,
      dataSource: { recordingMethod: 'INFERRED_BY_AI', platform: 'NEW_PLATFORM' },
      sleep: {
        ...night.sleep,
        type: 'HYBRID',
        stages: [
          {
            startTime: night.sleep.interval.startTime,
            endTime: night.sleep.interval.endTime,
            type: 'DREAMING',
          },
        ],
        summary: undefined,
        metadata: { processed: true, stagesStatus: 'SOMETHING_NEW' },
      },
    });
    const [session] = normaliseDataPoints({ dataType: 'sleep', points: [parsed] }, context);
    expect(session).toMatchObject({
      provenance: { recordingMethod: 'unknown' },
      stages: [expect.objectContaining({ type: 'DREAMING', count: 1 })],
    });
  });
});

describe('sparse samples and daily summaries', () => {
  it('converts weight from grams to kilograms and keeps the grams as the original', () => {
    expect(normalise('weight', 'weight.json')).toEqual([
      {
        metric: 'weight',
        memberId: 'm-1',
        measuredAt: '2026-07-02T06:45:00.000Z',
        utcOffsetMinutes: 60,
        localDate: '2026-07-02',
        kilograms: 81.235,
        provenance: {
          source: 'google-health',
          platform: 'FITBIT',
          deviceId: 'Phone',
          recordingMethod: 'manual',
          sourceRecordId: 'w1',
          original: { value: 81234.5, unit: 'g' },
        },
      },
    ]);
  });

  it('dates resting heart rate by the member-local day, from local midnight', () => {
    expect(normalise('daily-resting-heart-rate', 'daily-resting-heart-rate.json')).toEqual([
      {
        metric: 'resting-heart-rate',
        memberId: 'm-1',
        measuredAt: '2026-10-24T23:00:00.000Z',
        utcOffsetMinutes: 60,
        localDate: '2026-10-25',
        beatsPerMinute: 61,
        provenance: {
          source: 'google-health',
          platform: 'FITBIT',
          deviceId: 'Charge 6',
          recordingMethod: 'derived',
          sourceRecordId: 'd20261025',
        },
      },
    ]);
  });

  it('buckets SpO2 samples by UTC hour on the 25-hour day and keeps the daily figure', () => {
    const buckets = normalise('oxygen-saturation', 'oxygen-saturation.json');
    expect(buckets).toEqual([
      expect.objectContaining({
        metric: 'oxygen-saturation',
        localDate: '2026-10-25',
        measuredAt: '2026-10-25T00:00:00.000Z',
        endAt: '2026-10-25T01:00:00.000Z',
        utcOffsetMinutes: 60,
        samples: [[1800, 96]],
      }),
      expect.objectContaining({ measuredAt: '2026-10-25T01:00:00.000Z', samples: [[1800, 94.5]] }),
      expect.objectContaining({ measuredAt: '2026-10-25T03:00:00.000Z', samples: [[0, 95]] }),
    ]);
    expect(normalise('daily-oxygen-saturation', 'daily-oxygen-saturation.json')).toEqual([
      expect.objectContaining({
        metric: 'daily-oxygen-saturation',
        localDate: '2026-10-25',
        averagePercentage: 95.2,
        lowerBoundPercentage: 92.1,
        upperBoundPercentage: 97.9,
      }),
    ]);
  });

  it('buckets HRV samples by UTC hour, dated by the member-local day of the hour', () => {
    expect(normalise('heart-rate-variability', 'heart-rate-variability.json')).toEqual([
      expect.objectContaining({
        metric: 'heart-rate-variability',
        localDate: '2026-10-25',
        measuredAt: '2026-10-25T03:00:00.000Z',
        // After the clock change at 01:00 UTC London is back on GMT.
        utcOffsetMinutes: 0,
        // 03:15 UTC is 15 minutes after the hour starts.
        samples: [[900, 42.7]],
        summary: { count: 1, min: 42.7, max: 42.7, mean: 42.7 },
      }),
    ]);
  });
});
