import type { HeartRateDayBucket } from '../wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { groupIntoDayBuckets } from './day-buckets.js';
import { googleHealthProvenance } from './google-health-provenance.js';
import type { NormaliseContext } from './normalise-context.js';

/** Heart-rate samples -> one bucket per member-local day, rebuilt whole from the day's samples. */
export const normaliseHeartRate = (
  points: readonly DataPointOf['heart-rate'][],
  context: NormaliseContext,
): HeartRateDayBucket[] =>
  groupIntoDayBuckets(
    points.map((point) => ({
      instant: new Date(point.heartRate.sampleTime.physicalTime),
      value: point.heartRate.beatsPerMinute,
      provenance: googleHealthProvenance(point.dataSource),
    })),
    context.timeZone,
  ).map((bucket) => ({ metric: 'heart-rate', memberId: context.memberId, ...bucket }));
