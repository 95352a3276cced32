import type { Provenance } from '../provenance.js';
import { localDateOf, offsetMinutesAt } from '../time/member-local-time.js';

const HOUR_MS = 3_600_000;

export interface TimedValue {
  instant: Date;
  value: number;
  provenance: Provenance;
}

/** What a care team charts: one hour's samples summarised. */
export interface HourSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
}

export interface HourBucket {
  /** Member-local date of the hour's start. */
  localDate: string;
  /** Start of the UTC hour. */
  measuredAt: string;
  endAt: string;
  utcOffsetMinutes: number;
  /** [secondsSinceHourStartUtc (millisecond precision), value], sorted by time, one per instant. */
  samples: Array<[number, number]>;
  summary: HourSummary;
  /** The newest sample's instant: how late the device is known to have been worn. */
  newestSampleAt: string;
  provenance: Provenance;
}

const summarise = (samples: ReadonlyArray<[number, number]>): HourSummary => {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (const [, value] of samples) {
    if (value < min) min = value;
    if (value > max) max = value;
    total += value;
  }
  return { count: samples.length, min, max, mean: Math.round((total / samples.length) * 10) / 10 };
};

/**
 * Groups samples into one bucket per UTC hour. An hour is the unit that is fetched, compared and written
 * whole: a sync re-reads only the recent hours, and an hour whose content did not change costs no write.
 * Samples are sorted and deduplicated by instant (the first seen wins), so the same window fetched twice
 * yields the same buckets.
 */
export const groupIntoHourBuckets = (values: readonly TimedValue[], timeZone: string): HourBucket[] => {
  const byHour = new Map<number, TimedValue[]>();
  for (const value of values) {
    const hourStart = Math.floor(value.instant.getTime() / HOUR_MS) * HOUR_MS;
    const hour = byHour.get(hourStart);
    if (hour === undefined) byHour.set(hourStart, [value]);
    else hour.push(value);
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hourStartMs, hourValues]) => {
      const start = new Date(hourStartMs);
      // A stable sort keeps the first-seen value first among equal instants.
      const sorted = [...hourValues].sort((a, b) => a.instant.getTime() - b.instant.getTime());
      const samples: Array<[number, number]> = [];
      let lastInstant = Number.NaN;
      for (const value of sorted) {
        if (value.instant.getTime() === lastInstant) continue;
        lastInstant = value.instant.getTime();
        samples.push([(lastInstant - hourStartMs) / 1000, value.value]);
      }
      const newest = sorted[sorted.length - 1];
      return {
        localDate: localDateOf(start, timeZone),
        measuredAt: start.toISOString(),
        endAt: new Date(hourStartMs + HOUR_MS).toISOString(),
        utcOffsetMinutes: offsetMinutesAt(start, timeZone),
        samples,
        summary: summarise(samples),
        newestSampleAt: new Date(lastInstant).toISOString(),
        provenance: newest?.provenance ?? { source: 'google-health', recordingMethod: 'unknown' },
      };
    });
};
