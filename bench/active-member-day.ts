import type { GoogleHealthDataType } from '../shared/domain/google-health/data-types.js';

/** The simulated active member-day both wearable benches replay (wearable-sync-cost.ts, dense-heart-rate.ts). */
export const HOUR_MS = 3_600_000;
export const DAY_START = Date.parse('2026-11-18T00:00:00Z');
/** What the watch hands over once on waking: the night's data and the day's summaries. */
export const MORNING_TYPES: GoogleHealthDataType[] = [
  'sleep',
  'oxygen-saturation',
  'heart-rate-variability',
  'daily-resting-heart-rate',
  'daily-oxygen-saturation',
  'weight',
];
