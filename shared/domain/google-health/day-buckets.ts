import type { Provenance } from '../provenance.js';
import { addDays, localDateOf, localDayStart, offsetMinutesAt } from '../time/member-local-time.js';

export interface TimedValue {
  instant: Date;
  value: number;
  provenance: Provenance;
}

export interface DayBucket {
  localDate: string;
  measuredAt: string;
  endAt: string;
  utcOffsetMinutes: number;
  /** [secondsSinceBucketStartUtc, value], sorted by time, one per instant. */
  samples: Array<[number, number]>;
  provenance: Provenance;
}

/**
 * Groups samples into one bucket per member-local day. Samples are sorted and deduplicated by instant
 * (the first seen wins), so the same window fetched twice yields the same buckets.
 */
export const groupIntoDayBuckets = (values: readonly TimedValue[], timeZone: string): DayBucket[] => {
  const byDay = new Map<string, TimedValue[]>();
  for (const value of values) {
    const localDate = localDateOf(value.instant, timeZone);
    const day = byDay.get(localDate) ?? [];
    day.push(value);
    byDay.set(localDate, day);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([localDate, dayValues]) => {
      const start = localDayStart(localDate, timeZone);
      const sorted = [...dayValues].sort((a, b) => a.instant.getTime() - b.instant.getTime());
      const samples: Array<[number, number]> = [];
      let lastInstant = Number.NaN;
      for (const value of sorted) {
        if (value.instant.getTime() === lastInstant) continue;
        lastInstant = value.instant.getTime();
        samples.push([Math.round((lastInstant - start.getTime()) / 1000), value.value]);
      }
      const newest = sorted[sorted.length - 1];
      return {
        localDate,
        measuredAt: start.toISOString(),
        endAt: localDayStart(addDays(localDate, 1), timeZone).toISOString(),
        utcOffsetMinutes: offsetMinutesAt(start, timeZone),
        samples,
        provenance: newest?.provenance ?? { source: 'google-health', recordingMethod: 'unknown' },
      };
    });
};
