/** The Google Health data types this project syncs, by their REST path names. */
export const GOOGLE_HEALTH_DATA_TYPES = [
  'heart-rate',
  'daily-resting-heart-rate',
  'steps',
  'sleep',
  'weight',
  'oxygen-saturation',
  'daily-oxygen-saturation',
  'heart-rate-variability',
] as const;

export type GoogleHealthDataType = (typeof GOOGLE_HEALTH_DATA_TYPES)[number];

/**
 * How each type is shaped and filtered upstream.
 * - sample: a point in time; interval: start/end; session: sleep; daily: a member-local date.
 * - dense types are rebuilt as whole member-local days, so their windows start at local midnight.
 * - filterField is the AIP-160 field the doc gives for the time range.
 */
export interface DataTypeSpec {
  shape: 'sample' | 'interval' | 'session' | 'daily';
  dense: boolean;
  filterField: string;
  /** Upstream page size: the maximum allowed (sleep is capped at 25). */
  pageSize: number;
}

export const DATA_TYPE_SPECS: Record<GoogleHealthDataType, DataTypeSpec> = {
  'heart-rate': {
    shape: 'sample',
    dense: true,
    filterField: 'heart_rate.sample_time.physical_time',
    pageSize: 10_000,
  },
  'daily-resting-heart-rate': {
    shape: 'daily',
    dense: false,
    filterField: 'daily_resting_heart_rate.date',
    pageSize: 10_000,
  },
  steps: { shape: 'interval', dense: true, filterField: 'steps.interval.start_time', pageSize: 10_000 },
  sleep: { shape: 'session', dense: false, filterField: 'sleep.interval.end_time', pageSize: 25 },
  weight: {
    shape: 'sample',
    dense: false,
    filterField: 'weight.sample_time.physical_time',
    pageSize: 10_000,
  },
  'oxygen-saturation': {
    shape: 'sample',
    dense: true,
    filterField: 'oxygen_saturation.sample_time.physical_time',
    pageSize: 10_000,
  },
  'daily-oxygen-saturation': {
    shape: 'daily',
    dense: false,
    filterField: 'daily_oxygen_saturation.date',
    pageSize: 10_000,
  },
  'heart-rate-variability': {
    shape: 'sample',
    dense: true,
    filterField: 'heart_rate_variability.sample_time.physical_time',
    pageSize: 10_000,
  },
};

export const isGoogleHealthDataType = (value: string): value is GoogleHealthDataType =>
  (GOOGLE_HEALTH_DATA_TYPES as readonly string[]).includes(value);
