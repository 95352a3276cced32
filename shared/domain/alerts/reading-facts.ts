import type { BloodPressureReading } from '../blood-pressure-reading.js';
import type { Metric } from '../metric.js';
import type { DailyOxygenSaturation, RestingHeartRate } from '../wearable-reading.js';

type Source = { provenance: { source: string } };

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

export const isWearableFacts = (reading: ReadingFacts): boolean => reading.metric !== 'blood-pressure';

/** The latest instant a reading covers: the end of an interval, else its time. */
export const coveredUntil = (reading: ReadingFacts): string =>
  'endAt' in reading && reading.endAt !== undefined ? reading.endAt : reading.measuredAt;
