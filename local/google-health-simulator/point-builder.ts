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

/** When and under which id a point sits: cheap, so dense data can be held by the million. */
const boundsOf = (
  user: SimulatedUser,
  input: DataPointInput,
): { startMs: number; endMs: number; idTime: string } => {
  switch (input.dataType) {
    case 'heart-rate':
    case 'oxygen-saturation':
    case 'weight':
    case 'heart-rate-variability': {
      const at = parseInstant(input.time, 'time');
      return { startMs: at, endMs: at, idTime: input.time };
    }
    case 'steps': {
      const start = parseInstant(input.start, 'start');
      const end = input.end === undefined ? start + MINUTE_MS : parseInstant(input.end, 'end');
      return { startMs: start, endMs: end, idTime: input.start };
    }
    case 'sleep':
      return {
        startMs: parseInstant(input.start, 'start'),
        endMs: parseInstant(input.end, 'end'),
        idTime: input.start,
      };
    default:
      return {
        startMs: instantOfLocalTime(user.timezone, input.date, 0),
        endMs: instantOfLocalTime(user.timezone, addDays(input.date, 1), 0),
        idTime: input.date,
      };
  }
};

/**
 * A stored point whose API JSON and civil times are built when a page asks for them, not up front (a day
 * of 1 Hz heart rate is 86,400 points). Getters live on the prototype, so a point costs a few fields.
 */
class StoredPoint implements SimulatedPoint {
  constructor(
    private readonly user: SimulatedUser,
    private readonly input: DataPointInput,
    private readonly recordingMethod: RecordingMethod,
    readonly id: string,
    readonly startMs: number,
    readonly endMs: number,
    readonly availableAtMs: number,
    readonly date: string,
  ) {}

  get dataType() {
    return this.input.dataType;
  }

  get manual() {
    return this.recordingMethod === 'MANUAL';
  }

  get civilStart() {
    return formatCivilDateTime(civilDateTimeAt(this.user.timezone, this.startMs));
  }

  get civilEnd() {
    return formatCivilDateTime(civilDateTimeAt(this.user.timezone, this.endMs));
  }

  get json(): Record<string, unknown> {
    return this.jsonWithValue(timingOf(this.user, this.input).value);
  }

  get processedAtMs(): number | undefined {
    const processingMs =
      this.input.dataType === 'sleep' ? (this.input.processingMinutes ?? 0) * MINUTE_MS : 0;
    return processingMs > 0 ? this.availableAtMs + processingMs : undefined;
  }

  get computingJson(): Record<string, unknown> | undefined {
    return this.processedAtMs === undefined
      ? undefined
      : this.jsonWithValue(computingSleepValue(timingOf(this.user, this.input).value));
  }

  private jsonWithValue(value: Record<string, unknown>): Record<string, unknown> {
    return {
      name: `users/${this.user.healthUserId}/dataTypes/${this.input.dataType}/dataPoints/${this.id}`,
      dataSource: dataSourceJson(this.user, this.recordingMethod),
      [DATA_TYPES[this.input.dataType].valueKey]: value,
    };
  }
}

/** Turns an input into the stored point. */
export const buildPoint = (user: SimulatedUser, input: DataPointInput): SimulatedPoint => {
  const spec = DATA_TYPES[input.dataType];
  const { startMs, endMs, idTime } = boundsOf(user, input);
  const recordingMethod = input.recordingMethod ?? defaultRecordingMethod(input);
  const id =
    input.id ??
    `${spec.filterName}-${idTime.replace(/[^0-9A-Za-z]/g, '')}${recordingMethod === 'MANUAL' ? 'm' : ''}`;
  // Samples and intervals sync once they end; injected daily summaries are visible from their local midnight.
  const defaultAvailableAt = spec.kind === 'daily' ? startMs : endMs;
  const availableAtMs =
    input.availableAt === undefined ? defaultAvailableAt : parseInstant(input.availableAt, 'availableAt');
  const date = spec.kind === 'daily' ? idTime : civilDateAt(user.timezone, startMs);
  return new StoredPoint(user, input, recordingMethod, id, startMs, endMs, availableAtMs, date);
};
