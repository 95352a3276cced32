import { groupIntoHourBuckets } from '../../domain/google-health/hour-buckets.js';
import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { HeartRateHourBucket } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance } from './google-health-provenance.js';

/** Heart-rate samples -> one bucket per UTC hour, rebuilt whole from the hour's samples. */
export const normaliseHeartRate = (
  points: readonly DataPointOf['heart-rate'][],
  context: NormaliseContext,
): HeartRateHourBucket[] =>
  groupIntoHourBuckets(
    points.map((point) => ({
      instant: new Date(point.heartRate.sampleTime.physicalTime),
      value: point.heartRate.beatsPerMinute,
      provenance: googleHealthProvenance(point.dataSource),
    })),
    context.timeZone,
  ).map((bucket) => ({ metric: 'heart-rate', memberId: context.memberId, ...bucket }));
