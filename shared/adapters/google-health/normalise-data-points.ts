import type { GoogleHealthDataType } from '../../domain/google-health/data-types.js';
import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { WearableReading } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { normaliseHeartRate } from './normalise-heart-rate.js';
import { normaliseHeartRateVariability } from './normalise-heart-rate-variability.js';
import { normaliseDailyOxygenSaturation, normaliseOxygenSaturation } from './normalise-oxygen-saturation.js';
import { normaliseRestingHeartRate } from './normalise-resting-heart-rate.js';
import { normaliseSleep } from './normalise-sleep.js';
import { normaliseSteps } from './normalise-steps.js';
import { normaliseWeight } from './normalise-weight.js';

/** All the validated points of one data type, as fetched for one window. */
export type DataPointBatch = {
  [K in GoogleHealthDataType]: { dataType: K; points: DataPointOf[K][] };
}[GoogleHealthDataType];

/** Turns one type's upstream points into the project's readings. Pure. */
export const normaliseDataPoints = (batch: DataPointBatch, context: NormaliseContext): WearableReading[] => {
  switch (batch.dataType) {
    case 'heart-rate':
      return normaliseHeartRate(batch.points, context);
    case 'daily-resting-heart-rate':
      return normaliseRestingHeartRate(batch.points, context);
    case 'steps':
      return normaliseSteps(batch.points, context);
    case 'sleep':
      return normaliseSleep(batch.points, context);
    case 'weight':
      return normaliseWeight(batch.points, context);
    case 'oxygen-saturation':
      return normaliseOxygenSaturation(batch.points, context);
    case 'daily-oxygen-saturation':
      return normaliseDailyOxygenSaturation(batch.points, context);
    case 'heart-rate-variability':
      return normaliseHeartRateVariability(batch.points, context);
  }
};
