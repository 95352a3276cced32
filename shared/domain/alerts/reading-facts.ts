import type { BloodPressureReading } from '../blood-pressure-reading.js';
import type { Metric } from '../metric.js';
import type { DailyOxygenSaturation, RestingHeartRate } from '../wearable-reading.js';

type Source = { provenance: { source: string; deviceId?: string; recordingMethod?: string } };

export type BloodPressureFacts = Pick<
  BloodPressureReading,
  'metric' | 'memberId' | 'measuredAt' | 'systolic' | 'diastolic' | 'status'
> &
  Source;
export type RestingHeartRateFacts = Pick<
  RestingHeartRate,
  'metric' | 'memberId' | 'measuredAt' | 'endAt' | 'localDate' | 'beatsPerMinute'
> &
  Source;
export type DailyOxygenSaturationFacts = Pick<
  DailyOxygenSaturation,
  'metric' | 'memberId' | 'measuredAt' | 'endAt' | 'localDate' | 'averagePercentage'
> &
  Source;
export type OtherReadingFacts = {
  metric: Exclude<Metric, 'blood-pressure' | 'resting-heart-rate' | 'daily-oxygen-saturation'>;
  memberId: string;
  measuredAt: string;
  endAt?: string;
  /** Day buckets: [secondsSinceBucketStartUtc, value]. */
  samples?: Array<[number, number]>;
  /** Steps: counts per local hour. */
  hourly?: Array<{ hourStart: string; count: number }>;
} & Source;

/**
 * The fields of a stored reading that the alert rules look at. Every Reading is assignable to it,
 * so the rules take either a full Reading or a validated stream image.
 */
export type ReadingFacts =
  | BloodPressureFacts
  | RestingHeartRateFacts
  | DailyOxygenSaturationFacts
  | OtherReadingFacts;

/**
 * The latest instant at which a reading shows the wearable was actually worn and syncing, or undefined
 * when it shows nothing of the kind: daily summaries are computed upstream even on days the tracker sat
 * in a drawer, and manual entries arrive without it. A day bucket counts up to its newest sample (its
 * day may not be over), steps up to the start of the newest hour with steps.
 */
export const wornUntil = (reading: ReadingFacts): number | undefined => {
  if (reading.metric === 'resting-heart-rate' || reading.metric === 'daily-oxygen-saturation')
    return undefined;
  if (reading.metric === 'blood-pressure' || reading.provenance.recordingMethod === 'manual')
    return undefined;
  const start = Date.parse(reading.measuredAt);
  if (reading.samples !== undefined) {
    const newest = reading.samples.at(-1);
    return newest === undefined ? undefined : start + newest[0] * 1000;
  }
  if (reading.hourly !== undefined) {
    const withSteps = reading.hourly
      .filter((hour) => hour.count > 0)
      .map((hour) => Date.parse(hour.hourStart));
    // Only the hour is known, so take its start: never claim the device was worn later than it was.
    return withSteps.length === 0 ? undefined : Math.max(...withSteps);
  }
  return Date.parse(reading.endAt ?? reading.measuredAt);
};
