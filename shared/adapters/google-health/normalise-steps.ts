import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import {
  addDays,
  formatWithOffset,
  localDateOf,
  localDayStart,
  localHourStarts,
  offsetMinutesAt,
} from '../../domain/time/member-local-time.js';
import type { StepsDay } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance } from './google-health-provenance.js';

/**
 * Minute step intervals -> one StepsDay per member-local day: the day's total plus a count for every
 * local hour (23 or 25 of them on a clock-change day). Intervals are deduplicated by start time and
 * counted in the hour they start in.
 */
export const normaliseSteps = (
  points: readonly DataPointOf['steps'][],
  context: NormaliseContext,
): StepsDay[] => {
  const byDay = new Map<string, Map<number, DataPointOf['steps']>>();
  for (const point of points) {
    const start = new Date(point.steps.interval.startTime);
    const localDate = localDateOf(start, context.timeZone);
    const day = byDay.get(localDate) ?? new Map<number, DataPointOf['steps']>();
    if (!day.has(start.getTime())) day.set(start.getTime(), point);
    byDay.set(localDate, day);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([localDate, intervals]) => {
      const hourStarts = localHourStarts(localDate, context.timeZone);
      const counts = hourStarts.map(() => 0);
      const dayStart = localDayStart(localDate, context.timeZone);
      let newestStart = Number.NEGATIVE_INFINITY;
      let newest: DataPointOf['steps'] | undefined;
      for (const [startMs, point] of intervals) {
        const hour = Math.min(Math.floor((startMs - dayStart.getTime()) / 3_600_000), counts.length - 1);
        counts[hour] = (counts[hour] ?? 0) + point.steps.count;
        if (startMs > newestStart) {
          newestStart = startMs;
          newest = point;
        }
      }
      return {
        metric: 'steps',
        memberId: context.memberId,
        measuredAt: dayStart.toISOString(),
        endAt: localDayStart(addDays(localDate, 1), context.timeZone).toISOString(),
        utcOffsetMinutes: offsetMinutesAt(dayStart, context.timeZone),
        localDate,
        total: counts.reduce((sum, count) => sum + count, 0),
        hourly: hourStarts.map((hourStart, index) => ({
          hourStart: formatWithOffset(hourStart, offsetMinutesAt(hourStart, context.timeZone)),
          count: counts[index] ?? 0,
        })),
        provenance: googleHealthProvenance(newest?.dataSource),
      };
    });
};
