import { describe, expect, it } from 'vitest';
import { groupIntoHourBuckets } from '../../../../shared/domain/google-health/hour-buckets.js';

const provenance = { source: 'google-health', recordingMethod: 'passively-measured' as const };
const at = (iso: string, value: number) => ({ instant: new Date(iso), value, provenance });

describe('groupIntoHourBuckets', () => {
  it('puts 86,400 one-second samples of a day into 24 hours of 3,600, to the millisecond', () => {
    const start = Date.parse('2026-11-18T00:00:00Z');
    const values = Array.from({ length: 86_400 }, (_, second) => ({
      instant: new Date(start + second * 1000),
      value: 60 + (second % 40),
      provenance,
    }));
    const buckets = groupIntoHourBuckets(values, 'Europe/London');
    expect(buckets).toHaveLength(24);
    expect(buckets.every((bucket) => bucket.samples.length === 3600)).toBe(true);
    expect(buckets[23]).toMatchObject({
      measuredAt: '2026-11-18T23:00:00.000Z',
      endAt: '2026-11-19T00:00:00.000Z',
      newestSampleAt: '2026-11-18T23:59:59.000Z',
      summary: { count: 3600, min: 60, max: 99 },
    });
  });

  it('keeps millisecond times, sorts, and keeps the first value seen at a repeated instant', () => {
    const [bucket] = groupIntoHourBuckets(
      [
        at('2026-11-18T07:00:02.250Z', 70),
        at('2026-11-18T07:00:01Z', 65),
        at('2026-11-18T07:00:02.250Z', 99),
      ],
      'Asia/Kolkata',
    );
    expect(bucket).toMatchObject({
      samples: [
        [1, 65],
        [2.25, 70],
      ],
      // 07:00 UTC is 12:30 in India: the bucket is a UTC hour dated by the member's local date.
      localDate: '2026-11-18',
      utcOffsetMinutes: 330,
    });
  });
});
