import * as z from '../../domain/zod-mini.js';

/**
 * Zod schemas for Google Health v4 data points, checked field by field against
 * google/devicesandservices/health/v4/data_model.proto. Everything from upstream is validated
 * (OWASP API10), but only what the proto marks REQUIRED is required: fields marked OPTIONAL (such as
 * RMSSD) and proto3 scalars at their default (a `false` bool, an empty string) are often absent from
 * JSON. Enums are read as plain strings, because Google adds values ("clients should be prepared to
 * handle unknown values"), and one new value must never fail a page. 64-bit integers arrive as JSON
 * strings and are turned into numbers here.
 */

/** int64 (a JSON string) or a plain number, as a finite number. */
export const int64 = z.pipe(
  z.pipe(
    z.union([z.number(), z.string().check(z.regex(/^-?\d+$/))]),
    z.transform((value) => Number(value)),
  ),
  z.number(),
);

/** A double that some encoders send as a string. */
const double = z.pipe(
  z.pipe(
    z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/))]),
    z.transform((value) => Number(value)),
  ),
  z.number(),
);

const utcTimestamp = z.iso.datetime({ offset: true });
const duration = z.string().check(z.regex(/^-?\d+(\.\d+)?s$/));

export const civilDateSchema = z.object({
  year: z.coerce.number().check(z.int(), z.minimum(1970), z.maximum(9999)),
  month: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(12)),
  day: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(31)),
});

const civilTimeSchema = z.object({
  date: civilDateSchema,
  time: z.optional(
    z.object({
      hours: z.optional(z.coerce.number().check(z.int())),
      minutes: z.optional(z.coerce.number().check(z.int())),
      seconds: z.optional(z.coerce.number().check(z.int())),
      nanos: z.optional(z.coerce.number().check(z.int())),
    }),
  ),
});

export const sampleTimeSchema = z.object({
  physicalTime: utcTimestamp,
  utcOffset: z.optional(duration),
  civilTime: z.optional(civilTimeSchema),
});

export const intervalSchema = z.object({
  startTime: utcTimestamp,
  endTime: utcTimestamp,
  startUtcOffset: z.optional(duration),
  endUtcOffset: z.optional(duration),
  civilStartTime: z.optional(civilTimeSchema),
  civilEndTime: z.optional(civilTimeSchema),
});

/** An enum value: known or not, it never fails a page (unknown ones read as 'unknown' downstream). */
const enumValue = z.string().check(z.maxLength(64));

/** DataSource (data_source.proto): every field OPTIONAL or OUTPUT_ONLY. Only `list` and `get` return it. */
export const dataSourceSchema = z.object({
  platform: z.optional(enumValue),
  recordingMethod: z.optional(enumValue),
  device: z.optional(
    z.object({
      displayName: z.optional(z.string()),
      formFactor: z.optional(enumValue),
      manufacturer: z.optional(z.string()),
    }),
  ),
  application: z.optional(z.record(z.string(), z.unknown())),
});

/**
 * The envelope around a value. `list` and `get` return DataPoint (`name`, `dataSource`); `reconcile`
 * returns ReconciledDataPoint, which has only `dataPointName`, often empty, and no provenance at all.
 * One schema reads both, so nothing downstream may rely on `dataSource` being there.
 */
const base = {
  /** DataPoint: users/{user}/dataTypes/{type}/dataPoints/{id}. */
  name: z.optional(z.string()),
  /** ReconciledDataPoint: the same resource name when Google gives one; often empty or absent. */
  dataPointName: z.optional(z.string()),
  dataSource: z.optional(dataSourceSchema),
};

export const heartRatePointSchema = z.object({
  ...base,
  heartRate: z.object({
    beatsPerMinute: int64,
    sampleTime: sampleTimeSchema,
    /** motionContext and sensorLocation, both OPTIONAL enums. */
    metadata: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export const dailyRestingHeartRatePointSchema = z.object({
  ...base,
  dailyRestingHeartRate: z.object({
    date: civilDateSchema,
    beatsPerMinute: int64,
    dailyRestingHeartRateMetadata: z.optional(z.record(z.string(), z.unknown())),
  }),
});

export const stepsPointSchema = z.object({
  ...base,
  steps: z.object({ count: int64, interval: intervalSchema }),
});

export const sleepPointSchema = z.object({
  ...base,
  sleep: z.object({
    interval: intervalSchema,
    /** CLASSIC | STAGES, OPTIONAL. */
    type: z.optional(enumValue),
    stages: z.optional(
      z.array(
        z.object({
          startTime: utcTimestamp,
          endTime: utcTimestamp,
          /** SleepStageType: AWAKE, LIGHT, DEEP, REM, ASLEEP, RESTLESS, or one added later. */
          type: z._default(enumValue, 'SLEEP_STAGE_TYPE_UNSPECIFIED'),
        }),
      ),
    ),
    summary: z.optional(
      z.object({
        minutesAsleep: z.optional(int64),
        minutesAwake: z.optional(int64),
        minutesInSleepPeriod: z.optional(int64),
        stagesSummary: z.optional(
          z.array(
            z.object({
              type: z._default(enumValue, 'SLEEP_STAGE_TYPE_UNSPECIFIED'),
              minutes: z.optional(int64),
              count: z.optional(int64),
            }),
          ),
        ),
      }),
    ),
    /** Proto3 bools: `false` is omitted, so an absent `processed` means not processed yet. */
    metadata: z.optional(
      z.object({
        nap: z.optional(z.boolean()),
        manuallyEdited: z.optional(z.boolean()),
        processed: z.optional(z.boolean()),
        mainSleep: z.optional(z.boolean()),
        stagesStatus: z.optional(enumValue),
      }),
    ),
  }),
});

export const weightPointSchema = z.object({
  ...base,
  weight: z.object({ weightGrams: double, sampleTime: sampleTimeSchema, notes: z.optional(z.string()) }),
});

export const oxygenSaturationPointSchema = z.object({
  ...base,
  oxygenSaturation: z.object({ percentage: double, sampleTime: sampleTimeSchema }),
});

export const dailyOxygenSaturationPointSchema = z.object({
  ...base,
  dailyOxygenSaturation: z.object({
    date: civilDateSchema,
    averagePercentage: double,
    lowerBoundPercentage: z.optional(double),
    upperBoundPercentage: z.optional(double),
    standardDeviationPercentage: z.optional(double),
  }),
});

export const heartRateVariabilityPointSchema = z.object({
  ...base,
  heartRateVariability: z.object({
    sampleTime: sampleTimeSchema,
    /** OPTIONAL upstream: a point without it must not fail the page. */
    rootMeanSquareOfSuccessiveDifferencesMilliseconds: z.optional(double),
    standardDeviationMilliseconds: z.optional(double),
  }),
});

export const DATA_POINT_SCHEMAS = {
  'heart-rate': heartRatePointSchema,
  'daily-resting-heart-rate': dailyRestingHeartRatePointSchema,
  steps: stepsPointSchema,
  sleep: sleepPointSchema,
  weight: weightPointSchema,
  'oxygen-saturation': oxygenSaturationPointSchema,
  'daily-oxygen-saturation': dailyOxygenSaturationPointSchema,
  'heart-rate-variability': heartRateVariabilityPointSchema,
} as const;

export type DataPointOf = {
  [K in keyof typeof DATA_POINT_SCHEMAS]: z.infer<(typeof DATA_POINT_SCHEMAS)[K]>;
};

export type DataSource = z.infer<typeof dataSourceSchema>;
