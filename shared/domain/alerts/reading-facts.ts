import type { BloodPressureReading } from '../blood-pressure-reading.js';
import type { Metric } from '../metric.js';
import type { DailyOxygenSaturation, RestingHeartRate } from '../wearable-reading.js';

type Source = { provenance: { source: string; deviceId?: string; recordingMethod?: string } };

export type BloodPressureFacts = Pick<
  BloodPressureReading,
  'metric' | 'memberId' | 'measuredAt' | 'systolic' | 'diastolic' | 'status' | 'qualityFlags' | 'clock'
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
  /** Hour buckets: [secondsSinceBucketStartUtc, value] (a stream image carries them encoded, so not here). */
  samples?: Array<[number, number]>;
  /** Hour buckets: the newest sample's instant (UTC ISO). */
  newestSampleAt?: string;
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

/** Only a sensor on a worn device measures these; nobody types a second-by-second heart rate in. */
const WORN_SENSOR_METRICS: ReadonlySet<Metric> = new Set([
  'heart-rate',
  'oxygen-saturation',
  'heart-rate-variability',
]);

/** Recording methods that name a device measuring, rather than a person typing or a server deriving. */
const DEVICE_RECORDING_METHODS: ReadonlySet<string> = new Set(['device-measured', 'passively-measured']);

/**
 * The latest instant at which a reading shows the wearable was actually worn and syncing, or undefined
 * when it shows nothing of the kind: daily summaries are computed upstream even on days the tracker sat
 * in a drawer, and manual entries arrive without it. Weight, sleep and steps prove wear only when their
 * provenance names a device: Google's reconciled points carry no provenance ('unknown'), and a weight
 * typed into the app, a logged sleep or phone steps look exactly like device data there. An hour bucket
 * counts up to its newest sample (its hour may not be over), steps up to the start of the newest hour
 * with steps.
 */
export const wornUntil = (reading: ReadingFacts): number | undefined => {
  if (reading.metric === 'resting-heart-rate' || reading.metric === 'daily-oxygen-saturation')
    return undefined;
  if (reading.metric === 'blood-pressure' || reading.provenance.recordingMethod === 'manual')
    return undefined;
  if (
    !WORN_SENSOR_METRICS.has(reading.metric) &&
    !DEVICE_RECORDING_METHODS.has(reading.provenance.recordingMethod ?? 'unknown')
  )
    return undefined;
  if (reading.newestSampleAt !== undefined) return Date.parse(reading.newestSampleAt);
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
