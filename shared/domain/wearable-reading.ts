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

export interface HeartRateDayBucket extends ReadingTime {
  metric: 'heart-rate';
  memberId: string;
  /** Samples in time order: [secondsSinceBucketStartUtc, bpm]. */
  samples: Array<[number, number]>;
  provenance: Provenance;
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

export interface OxygenSaturationDayBucket extends ReadingTime {
  metric: 'oxygen-saturation';
  memberId: string;
  samples: Array<[number, number]>;
  provenance: Provenance;
}

export interface DailyOxygenSaturation extends ReadingTime {
  metric: 'daily-oxygen-saturation';
  memberId: string;
  averagePercentage: number;
  lowerBoundPercentage?: number;
  upperBoundPercentage?: number;
  provenance: Provenance;
}

/** HRV (RMSSD, ms) samples of one member-local day: dense, so one replaceable bucket, not an item per sample. */
export interface HeartRateVariabilityDayBucket extends ReadingTime {
  metric: 'heart-rate-variability';
  memberId: string;
  /** [secondsSinceBucketStartUtc, rmssdMilliseconds]. */
  samples: Array<[number, number]>;
  provenance: Provenance;
}

export type WearableReading =
  | HeartRateDayBucket
  | RestingHeartRate
  | StepsDay
  | SleepSession
  | WeightReading
  | OxygenSaturationDayBucket
  | DailyOxygenSaturation
  | HeartRateVariabilityDayBucket;
