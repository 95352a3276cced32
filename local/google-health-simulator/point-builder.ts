import type { DataPointInput, RecordingMethod, SleepStageType } from './data-point-input.js';
import { DATA_TYPES } from './data-types.js';
import type { SimulatedPoint } from './simulated-point.js';
import type { SimulatedUser } from './simulated-user.js';
import { civilDateJson, intervalJson, sampleTimeJson, utcOffsetJson } from './time-containers.js';
import {
  addDays,
  civilDateAt,
  civilDateTimeAt,
  formatCivilDateTime,
  instantOfLocalTime,
} from './time-zone.js';

const MINUTE_MS = 60_000;

const parseInstant = (value: string, field: string): number => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`${field} is not an RFC 3339 time: ${value}`);
  return ms;
};

const defaultRecordingMethod = (input: DataPointInput): RecordingMethod => {
  if (input.dataType === 'weight') return 'MANUAL';
  if (input.dataType.startsWith('daily-')) return 'DERIVED';
  return 'PASSIVELY_MEASURED';
};

const dataSourceJson = (user: SimulatedUser, recordingMethod: RecordingMethod) => ({
  platform: 'FITBIT',
  recordingMethod,
  device:
    recordingMethod === 'MANUAL'
      ? { displayName: 'Phone', formFactor: 'PHONE', manufacturer: 'Unknown' }
      : { ...user.profile.device },
  application: { packageName: 'com.fitbit.FitbitMobile' },
});

interface Timing {
  startMs: number;
  endMs: number;
  value: Record<string, unknown>;
  idTime: string;
}

const sleepValue = (
  user: SimulatedUser,
  startMs: number,
  endMs: number,
  input: Extract<DataPointInput, { dataType: 'sleep' }>,
): Record<string, unknown> => {
  const stages = input.stages?.map((stage) => ({
    type: stage.type,
    startMs: parseInstant(stage.start, 'stage start'),
    endMs: parseInstant(stage.end, 'stage end'),
  })) ?? [{ type: 'ASLEEP' as SleepStageType, startMs, endMs }];
  const classic = stages.every((stage) => ['AWAKE', 'ASLEEP', 'RESTLESS'].includes(stage.type));
  const summary = new Map<SleepStageType, { minutes: number; count: number }>();
  for (const stage of stages) {
    const entry = summary.get(stage.type) ?? { minutes: 0, count: 0 };
    entry.minutes += Math.round((stage.endMs - stage.startMs) / MINUTE_MS);
    entry.count += 1;
    summary.set(stage.type, entry);
  }
  const minutesOf = (...types: SleepStageType[]) =>
    types.reduce((total, type) => total + (summary.get(type)?.minutes ?? 0), 0);
  const minutesAwake = minutesOf('AWAKE', 'RESTLESS');
  const minutesAsleep = minutesOf('LIGHT', 'DEEP', 'REM', 'ASLEEP');
  return {
    interval: intervalJson(user.timezone, startMs, endMs),
    type: classic ? 'CLASSIC' : 'STAGES',
    stages: stages.map((stage) => ({
      startTime: new Date(stage.startMs).toISOString(),
      startUtcOffset: utcOffsetJson(user.timezone, stage.startMs),
      endTime: new Date(stage.endMs).toISOString(),
      endUtcOffset: utcOffsetJson(user.timezone, stage.endMs),
      type: stage.type,
    })),
    summary: {
      minutesAsleep: String(minutesAsleep),
      minutesAwake: String(minutesAwake),
      minutesInSleepPeriod: String(Math.round((endMs - startMs) / MINUTE_MS)),
      stagesSummary: [...summary.entries()].map(([type, entry]) => ({
        type,
        minutes: String(entry.minutes),
        count: String(entry.count),
      })),
    },
    // Proto3 JSON omits false bools, as Google's encoder does.
    metadata: {
      ...(input.nap === true ? { nap: true } : {}),
      processed: true,
      mainSleep: input.nap !== true,
    },
  };
};

/** A session Google is still computing: no `processed` (false, so omitted), no stages, no summary. */
const computingSleepValue = (value: Record<string, unknown>): Record<string, unknown> => ({
  interval: value.interval,
  type: value.type,
  metadata: {},
});

const dailyTiming = (user: SimulatedUser, date: string, value: Record<string, unknown>): Timing => ({
  startMs: instantOfLocalTime(user.timezone, date, 0),
  endMs: instantOfLocalTime(user.timezone, addDays(date, 1), 0),
  value: { date: civilDateJson(date), ...value },
  idTime: date,
});

const timingOf = (user: SimulatedUser, input: DataPointInput): Timing => {
  const zone = user.timezone;
  switch (input.dataType) {
    case 'heart-rate': {
      const at = parseInstant(input.time, 'time');
      return {
        startMs: at,
        endMs: at,
        idTime: input.time,
        value: {
          beatsPerMinute: String(Math.round(input.beatsPerMinute)),
          sampleTime: sampleTimeJson(zone, at),
          metadata: { motionContext: input.motionContext ?? 'SEDENTARY', sensorLocation: 'WRIST' },
        },
      };
    }
    case 'oxygen-saturation': {
      const at = parseInstant(input.time, 'time');
      return {
        startMs: at,
        endMs: at,
        idTime: input.time,
        value: { percentage: input.percentage, sampleTime: sampleTimeJson(zone, at) },
      };
    }
    case 'weight': {
      const at = parseInstant(input.time, 'time');
      return {
        startMs: at,
        endMs: at,
        idTime: input.time,
        value: {
          weightGrams: input.weightGrams,
          sampleTime: sampleTimeJson(zone, at),
          ...(input.notes === undefined ? {} : { notes: input.notes }),
        },
      };
    }
    case 'heart-rate-variability': {
      const at = parseInstant(input.time, 'time');
      return {
        startMs: at,
        endMs: at,
        idTime: input.time,
        value: {
          sampleTime: sampleTimeJson(zone, at),
          ...(input.rmssdMilliseconds === undefined
            ? {}
            : { rootMeanSquareOfSuccessiveDifferencesMilliseconds: input.rmssdMilliseconds }),
          standardDeviationMilliseconds:
            input.standardDeviationMilliseconds ?? (input.rmssdMilliseconds ?? 40) * 1.3,
        },
      };
    }
    case 'steps': {
      const start = parseInstant(input.start, 'start');
      const end = input.end === undefined ? start + MINUTE_MS : parseInstant(input.end, 'end');
      return {
        startMs: start,
        endMs: end,
        idTime: input.start,
        value: { count: String(Math.round(input.count)), interval: intervalJson(zone, start, end) },
      };
    }
    case 'sleep': {
      const start = parseInstant(input.start, 'start');
      const end = parseInstant(input.end, 'end');
      return { startMs: start, endMs: end, idTime: input.start, value: sleepValue(user, start, end, input) };
    }
    case 'daily-resting-heart-rate':
      return dailyTiming(user, input.date, {
        beatsPerMinute: String(Math.round(input.beatsPerMinute)),
        dailyRestingHeartRateMetadata: { calculationMethod: 'WITH_SLEEP' },
      });
    case 'daily-oxygen-saturation':
      return dailyTiming(user, input.date, {
        averagePercentage: input.averagePercentage,
        lowerBoundPercentage: input.lowerBoundPercentage ?? input.averagePercentage - 1.5,
        upperBoundPercentage: input.upperBoundPercentage ?? Math.min(100, input.averagePercentage + 1.5),
        standardDeviationPercentage: input.standardDeviationPercentage ?? 0.8,
      });
    case 'daily-heart-rate-variability':
      return dailyTiming(user, input.date, {
        averageHeartRateVariabilityMilliseconds: input.averageMilliseconds,
      });
  }
};

/** Turns an input into the stored point, with its API JSON precomputed. */
export const buildPoint = (user: SimulatedUser, input: DataPointInput): SimulatedPoint => {
  const spec = DATA_TYPES[input.dataType];
  const timing = timingOf(user, input);
  const recordingMethod = input.recordingMethod ?? defaultRecordingMethod(input);
  const id =
    input.id ??
    `${spec.filterName}-${timing.idTime.replace(/[^0-9A-Za-z]/g, '')}${recordingMethod === 'MANUAL' ? 'm' : ''}`;
  // Samples and intervals sync once they end; injected daily summaries are visible from their local midnight.
  const defaultAvailableAt = spec.kind === 'daily' ? timing.startMs : timing.endMs;
  const availableAtMs =
    input.availableAt === undefined ? defaultAvailableAt : parseInstant(input.availableAt, 'availableAt');
  const date = spec.kind === 'daily' ? timing.idTime : civilDateAt(user.timezone, timing.startMs);
  const name = `users/${user.healthUserId}/dataTypes/${input.dataType}/dataPoints/${id}`;
  const processingMs = input.dataType === 'sleep' ? (input.processingMinutes ?? 0) * MINUTE_MS : 0;
  return {
    id,
    dataType: input.dataType,
    manual: recordingMethod === 'MANUAL',
    startMs: timing.startMs,
    endMs: timing.endMs,
    availableAtMs,
    civilStart: formatCivilDateTime(civilDateTimeAt(user.timezone, timing.startMs)),
    civilEnd: formatCivilDateTime(civilDateTimeAt(user.timezone, timing.endMs)),
    date,
    json: {
      name,
      dataSource: dataSourceJson(user, recordingMethod),
      [spec.valueKey]: timing.value,
    },
    ...(processingMs > 0
      ? {
          processedAtMs: availableAtMs + processingMs,
          computingJson: {
            name,
            dataSource: dataSourceJson(user, recordingMethod),
            [spec.valueKey]: computingSleepValue(timing.value),
          },
        }
      : {}),
  };
};
