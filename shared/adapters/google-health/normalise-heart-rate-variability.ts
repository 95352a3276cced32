import { groupIntoHourBuckets } from '../../domain/google-health/hour-buckets.js';
import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { HeartRateVariabilityHourBucket } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance } from './google-health-provenance.js';

/**
 * HRV samples (RMSSD) -> one bucket per UTC hour. Trackers sample every few minutes through
 * the night, so one item per sample would cost a write each; SDNN is not kept (no rule reads it).
 * RMSSD is OPTIONAL upstream: a sample without it has nothing to store and is skipped, not an error.
 */
export const normaliseHeartRateVariability = (
  points: readonly DataPointOf['heart-rate-variability'][],
  context: NormaliseContext,
): HeartRateVariabilityHourBucket[] =>
  groupIntoHourBuckets(
    points.flatMap((point) => {
      const rmssd = point.heartRateVariability.rootMeanSquareOfSuccessiveDifferencesMilliseconds;
      if (rmssd === undefined) return [];
      return [
        {
          instant: new Date(point.heartRateVariability.sampleTime.physicalTime),
          value: rmssd,
          provenance: googleHealthProvenance(point.dataSource),
        },
      ];
    }),
    context.timeZone,
  ).map((bucket) => ({ metric: 'heart-rate-variability', memberId: context.memberId, ...bucket }));
