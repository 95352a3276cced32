import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import { localDayStart, offsetMinutesAt } from '../../domain/time/member-local-time.js';
import type { RestingHeartRate } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance, upstreamRecordId } from './google-health-provenance.js';
import { civilDateToString } from './sample-time.js';

/** Daily resting heart rate, one per member-local date (stored as that day's summary). */
export const normaliseRestingHeartRate = (
  points: readonly DataPointOf['daily-resting-heart-rate'][],
  context: NormaliseContext,
): RestingHeartRate[] =>
  points.map((point) => {
    const localDate = civilDateToString(point.dailyRestingHeartRate.date);
    const start = localDayStart(localDate, context.timeZone);
    return {
      metric: 'resting-heart-rate',
      memberId: context.memberId,
      measuredAt: start.toISOString(),
      utcOffsetMinutes: offsetMinutesAt(start, context.timeZone),
      localDate,
      beatsPerMinute: point.dailyRestingHeartRate.beatsPerMinute,
      provenance: googleHealthProvenance(point.dataSource, upstreamRecordId(point)),
    };
  });
