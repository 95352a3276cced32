import type { HeartRateHourBucket } from '../wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance } from './google-health-provenance.js';
import { groupIntoHourBuckets } from './hour-buckets.js';
import type { NormaliseContext } from './normalise-context.js';

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
