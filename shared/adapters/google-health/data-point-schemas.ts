import * as z from 'zod';

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
export const int64 = z
  .union([z.number(), z.string().regex(/^-?\d+$/)])
  .transform((value) => Number(value))
  .pipe(z.number().finite());

/** A double that some encoders send as a string. */
const double = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)])
  .transform((value) => Number(value))
  .pipe(z.number().finite());

const utcTimestamp = z.iso.datetime({ offset: true });
const duration = z.string().regex(/^-?\d+(\.\d+)?s$/);

export const civilDateSchema = z.object({
  year: z.coerce.number().int().min(1970).max(9999),
  month: z.coerce.number().int().min(1).max(12),
  day: z.coerce.number().int().min(1).max(31),
});

const civilTimeSchema = z.object({
  date: civilDateSchema,
  time: z
    .object({
      hours: z.coerce.number().int().optional(),
      minutes: z.coerce.number().int().optional(),
      seconds: z.coerce.number().int().optional(),
      nanos: z.coerce.number().int().optional(),
    })
    .optional(),
});

export const sampleTimeSchema = z.object({
  physicalTime: utcTimestamp,
  utcOffset: duration.optional(),
  civilTime: civilTimeSchema.optional(),
});

export const intervalSchema = z.object({
  startTime: utcTimestamp,
  endTime: utcTimestamp,
  startUtcOffset: duration.optional(),
  endUtcOffset: duration.optional(),
  civilStartTime: civilTimeSchema.optional(),
  civilEndTime: civilTimeSchema.optional(),
});

/** An enum value: known or not, it never fails a page (unknown ones read as 'unknown' downstream). */
const enumValue = z.string().max(64);

/** DataSource (data_source.proto): every field OPTIONAL or OUTPUT_ONLY. Only `list` and `get` return it. */
export const dataSourceSchema = z.object({
  platform: enumValue.optional(),
  recordingMethod: enumValue.optional(),
  device: z
    .object({
      displayName: z.string().optional(),
      formFactor: enumValue.optional(),
      manufacturer: z.string().optional(),
    })
    .optional(),
  application: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The envelope around a value. `list` and `get` return DataPoint (`name`, `dataSource`); `reconcile`
 * returns ReconciledDataPoint, which has only `dataPointName`, often empty, and no provenance at all.
 * One schema reads both, so nothing downstream may rely on `dataSource` being there.
 */
const base = {
  /** DataPoint: users/{user}/dataTypes/{type}/dataPoints/{id}. */
  name: z.string().optional(),
  /** ReconciledDataPoint: the same resource name when Google gives one; often empty or absent. */
  dataPointName: z.string().optional(),
  dataSource: dataSourceSchema.optional(),
};

export const heartRatePointSchema = z.object({
  ...base,
  heartRate: z.object({
    beatsPerMinute: int64,
    sampleTime: sampleTimeSchema,
    /** motionContext and sensorLocation, both OPTIONAL enums. */
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const dailyRestingHeartRatePointSchema = z.object({
  ...base,
  dailyRestingHeartRate: z.object({
    date: civilDateSchema,
    beatsPerMinute: int64,
    dailyRestingHeartRateMetadata: z.record(z.string(), z.unknown()).optional(),
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
    type: enumValue.optional(),
    stages: z
      .array(
        z.object({
          startTime: utcTimestamp,
          endTime: utcTimestamp,
          /** SleepStageType: AWAKE, LIGHT, DEEP, REM, ASLEEP, RESTLESS, or one added later. */
          type: enumValue.default('SLEEP_STAGE_TYPE_UNSPECIFIED'),
        }),
      )
      .optional(),
    summary: z
      .object({
        minutesAsleep: int64.optional(),
        minutesAwake: int64.optional(),
        minutesInSleepPeriod: int64.optional(),
        stagesSummary: z
          .array(
            z.object({
              type: enumValue.default('SLEEP_STAGE_TYPE_UNSPECIFIED'),
              minutes: int64.optional(),
              count: int64.optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    /** Proto3 bools: `false` is omitted, so an absent `processed` means not processed yet. */
    metadata: z
      .object({
        nap: z.boolean().optional(),
        manuallyEdited: z.boolean().optional(),
        processed: z.boolean().optional(),
        mainSleep: z.boolean().optional(),
        stagesStatus: enumValue.optional(),
      })
      .optional(),
  }),
});

export const weightPointSchema = z.object({
  ...base,
  weight: z.object({ weightGrams: double, sampleTime: sampleTimeSchema, notes: z.string().optional() }),
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
    lowerBoundPercentage: double.optional(),
    upperBoundPercentage: double.optional(),
    standardDeviationPercentage: double.optional(),
  }),
});

export const heartRateVariabilityPointSchema = z.object({
  ...base,
  heartRateVariability: z.object({
    sampleTime: sampleTimeSchema,
    /** OPTIONAL upstream: a point without it must not fail the page. */
    rootMeanSquareOfSuccessiveDifferencesMilliseconds: double.optional(),
    standardDeviationMilliseconds: double.optional(),
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
