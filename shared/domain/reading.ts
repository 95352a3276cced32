import type { BloodPressureReading } from './blood-pressure-reading.js';
import type { WearableReading } from './wearable-reading.js';

export type Reading = BloodPressureReading | WearableReading;

/** Dense metrics are stored as one replaceable bucket per member per local day, not one item per sample. */
export const DENSE_METRICS = new Set<Reading['metric']>([
  'heart-rate',
  'oxygen-saturation',
  'heart-rate-variability',
  'steps',
]);
