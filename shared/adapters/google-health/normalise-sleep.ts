import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { SleepSession } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance, upstreamRecordId } from './google-health-provenance.js';
import { timeOfSample } from './sample-time.js';

type SleepPoint = DataPointOf['sleep'];

const minutesBetween = (start: string, end: string): number =>
  Math.round((Date.parse(end) - Date.parse(start)) / 60_000);

/** Stage minutes and counts: Google's summary when given, otherwise added up from the stages. */
const stageSummary = (sleep: SleepPoint['sleep']): SleepSession['stages'] => {
  const summary = sleep.summary?.stagesSummary;
  if (summary !== undefined && summary.length > 0) {
    return summary.map((stage) => ({
      type: stage.type,
      minutes: stage.minutes ?? 0,
      count: stage.count ?? 0,
    }));
  }
  const byType = new Map<string, { minutes: number; count: number }>();
  for (const stage of sleep.stages ?? []) {
    const entry = byType.get(stage.type) ?? { minutes: 0, count: 0 };
    entry.minutes += minutesBetween(stage.startTime, stage.endTime);
    entry.count += 1;
    byType.set(stage.type, entry);
  }
  return [...byType.entries()].map(([type, entry]) => ({ type, ...entry }));
};

/**
 * Sessions Google has not finished processing are left for a later sync: sleep is stored put-if-absent,
 * so a preliminary version would otherwise stand for good. `processed` is a proto3 bool, so `false` is
 * omitted from JSON: only an explicit `true` means processed.
 */
export const isSettledSleep = (point: SleepPoint): boolean => point.sleep.metadata?.processed === true;

/**
 * Sleep sessions, one sparse reading each. The local date is the date the member woke up; the record id
 * is the upstream id, or the session start when there is none.
 */
export const normaliseSleep = (points: readonly SleepPoint[], context: NormaliseContext): SleepSession[] =>
  points.filter(isSettledSleep).map((point) => {
    const { interval } = point.sleep;
    const start = timeOfSample(
      { physicalTime: interval.startTime, utcOffset: interval.startUtcOffset },
      context.timeZone,
    );
    const end = timeOfSample(
      { physicalTime: interval.endTime, utcOffset: interval.endUtcOffset },
      context.timeZone,
    );
    const stages = stageSummary(point.sleep);
    const awakeFromStages = stages
      .filter((stage) => stage.type === 'AWAKE' || stage.type === 'RESTLESS')
      .reduce((sum, stage) => sum + stage.minutes, 0);
    const inPeriod =
      point.sleep.summary?.minutesInSleepPeriod ?? minutesBetween(interval.startTime, interval.endTime);
    const awake = point.sleep.summary?.minutesAwake ?? awakeFromStages;
    return {
      metric: 'sleep',
      memberId: context.memberId,
      measuredAt: start.instant.toISOString(),
      endAt: end.instant.toISOString(),
      utcOffsetMinutes: start.utcOffsetMinutes,
      localDate: end.localDate,
      minutesAsleep: point.sleep.summary?.minutesAsleep ?? inPeriod - awake,
      minutesAwake: awake,
      minutesInSleepPeriod: inPeriod,
      stages,
      nap: point.sleep.metadata?.nap ?? false,
      provenance: googleHealthProvenance(point.dataSource, upstreamRecordId(point) ?? interval.startTime),
    };
  });
