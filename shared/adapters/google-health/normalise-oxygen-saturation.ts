import { groupIntoHourBuckets } from '../../domain/google-health/hour-buckets.js';
import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import { localDayStart, offsetMinutesAt } from '../../domain/time/member-local-time.js';
import type { DailyOxygenSaturation, OxygenSaturationHourBucket } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance, upstreamRecordId } from './google-health-provenance.js';
import { civilDateToString } from './sample-time.js';

/** SpO2 spot samples -> one bucket per UTC hour. */
export const normaliseOxygenSaturation = (
  points: readonly DataPointOf['oxygen-saturation'][],
  context: NormaliseContext,
): OxygenSaturationHourBucket[] =>
  groupIntoHourBuckets(
    points.map((point) => ({
      instant: new Date(point.oxygenSaturation.sampleTime.physicalTime),
      value: point.oxygenSaturation.percentage,
      provenance: googleHealthProvenance(point.dataSource),
    })),
    context.timeZone,
  ).map((bucket) => ({ metric: 'oxygen-saturation', memberId: context.memberId, ...bucket }));

/** The nightly SpO2 figure Google computes, one per member-local date. */
export const normaliseDailyOxygenSaturation = (
  points: readonly DataPointOf['daily-oxygen-saturation'][],
  context: NormaliseContext,
): DailyOxygenSaturation[] =>
  points.map((point) => {
    const daily = point.dailyOxygenSaturation;
    const localDate = civilDateToString(daily.date);
    const start = localDayStart(localDate, context.timeZone);
    return {
      metric: 'daily-oxygen-saturation',
      memberId: context.memberId,
      measuredAt: start.toISOString(),
      utcOffsetMinutes: offsetMinutesAt(start, context.timeZone),
      localDate,
      averagePercentage: daily.averagePercentage,
      ...(daily.lowerBoundPercentage === undefined
        ? {}
        : { lowerBoundPercentage: daily.lowerBoundPercentage }),
      ...(daily.upperBoundPercentage === undefined
        ? {}
        : { upperBoundPercentage: daily.upperBoundPercentage }),
      provenance: googleHealthProvenance(point.dataSource, upstreamRecordId(point)),
    };
  });
