import type { BloodPressureReading } from './blood-pressure-reading.js';
import type { WearableReading } from './wearable-reading.js';

export type Reading = BloodPressureReading | WearableReading;

/** Dense sample metrics are stored as one replaceable bucket per member per UTC hour, not one item per sample. */
export const HOUR_BUCKET_METRICS = new Set<Reading['metric']>([
  'heart-rate',
  'oxygen-saturation',
  'heart-rate-variability',
]);

/** Dense metrics: hour buckets, and steps, kept as one replaceable item per member-local day. */
export const DENSE_METRICS = new Set<Reading['metric']>([...HOUR_BUCKET_METRICS, 'steps']);
