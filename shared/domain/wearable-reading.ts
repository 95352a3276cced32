import type { HourSummary } from './google-health/hour-buckets.js';
import type { Provenance } from './provenance.js';

/** Timing shared by every wearable item: UTC plus the offset that applied, and the member's local date. */
export interface ReadingTime {
  /** UTC ISO-8601. For intervals, the start. */
  measuredAt: string;
  endAt?: string;
  utcOffsetMinutes: number;
  /** Member-local civil date, YYYY-MM-DD. */
  localDate: string;
}

/**
 * Dense samples of one UTC hour (heart rate, SpO2, HRV): the unit that is fetched, compared and stored
 * whole. `samples` is lossless: [secondsSinceHourStartUtc (millisecond precision), value] in time order.
 */
interface SampleHourBucket extends ReadingTime {
  memberId: string;
  samples: Array<[number, number]>;
  summary: HourSummary;
  /** UTC ISO of the newest sample: how late the device is known to have been worn. */
  newestSampleAt: string;
  provenance: Provenance;
}

/** Heart rate (bpm) of one UTC hour. */
export interface HeartRateHourBucket extends SampleHourBucket {
  metric: 'heart-rate';
}

export interface RestingHeartRate extends ReadingTime {
  metric: 'resting-heart-rate';
  memberId: string;
  beatsPerMinute: number;
  provenance: Provenance;
}

export interface StepsDay extends ReadingTime {
  metric: 'steps';
  memberId: string;
  total: number;
  /** 24 entries (23 or 25 on a clock-change day), keyed by local hour start ISO with offset. */
  hourly: Array<{ hourStart: string; count: number }>;
  provenance: Provenance;
}

export interface SleepSession extends ReadingTime {
  metric: 'sleep';
  memberId: string;
  minutesAsleep: number;
  minutesAwake: number;
  minutesInSleepPeriod: number;
  stages: Array<{ type: string; minutes: number; count: number }>;
  nap: boolean;
  provenance: Provenance;
}

export interface WeightReading extends ReadingTime {
  metric: 'weight';
  memberId: string;
  kilograms: number;
  provenance: Provenance;
}

/** SpO2 spot samples (%) of one UTC hour. */
export interface OxygenSaturationHourBucket extends SampleHourBucket {
  metric: 'oxygen-saturation';
}

export interface DailyOxygenSaturation extends ReadingTime {
  metric: 'daily-oxygen-saturation';
  memberId: string;
  averagePercentage: number;
  lowerBoundPercentage?: number;
  upperBoundPercentage?: number;
  provenance: Provenance;
}

/** HRV (RMSSD, ms) samples of one UTC hour: dense, so one replaceable bucket, not an item per sample. */
export interface HeartRateVariabilityHourBucket extends SampleHourBucket {
  metric: 'heart-rate-variability';
}

export type WearableReading =
  | HeartRateHourBucket
  | RestingHeartRate
  | StepsDay
  | SleepSession
  | WeightReading
  | OxygenSaturationHourBucket
  | DailyOxygenSaturation
  | HeartRateVariabilityHourBucket;
