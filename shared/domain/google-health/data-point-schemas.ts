import * as z from 'zod';

/**
 * Zod schemas for Google Health v4 data points, as the doc gives them. Everything from upstream is
 * validated (OWASP API10). 64-bit integers arrive as JSON strings and are turned into numbers here.
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

export const dataSourceSchema = z.object({
  platform: z.string().optional(),
  recordingMethod: z
    .enum([
      'MANUAL',
      'PASSIVELY_MEASURED',
      'DERIVED',
      'ACTIVELY_MEASURED',
      'UNKNOWN',
      'RECORDING_METHOD_UNSPECIFIED',
    ])
    .optional(),
  device: z
    .object({
      displayName: z.string().optional(),
      formFactor: z.string().optional(),
      manufacturer: z.string().optional(),
    })
    .optional(),
  application: z.record(z.string(), z.unknown()).optional(),
});

const base = {
  /** Resource name, users/{user}/dataTypes/{type}/dataPoints/{id}. */
  name: z.string().optional(),
  dataSource: dataSourceSchema.optional(),
};

export const heartRatePointSchema = z.object({
  ...base,
  heartRate: z.object({
    beatsPerMinute: int64,
    sampleTime: sampleTimeSchema,
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
    type: z.string().optional(),
    stages: z
      .array(z.object({ startTime: utcTimestamp, endTime: utcTimestamp, type: z.string() }))
      .optional(),
    summary: z
      .object({
        minutesAsleep: int64.optional(),
        minutesAwake: int64.optional(),
        minutesInSleepPeriod: int64.optional(),
        stagesSummary: z
          .array(z.object({ type: z.string(), minutes: int64.optional(), count: int64.optional() }))
          .optional(),
      })
      .optional(),
    metadata: z
      .object({
        nap: z.boolean().optional(),
        manuallyEdited: z.boolean().optional(),
        processed: z.boolean().optional(),
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
    rootMeanSquareOfSuccessiveDifferencesMilliseconds: double,
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
export type CivilDate = z.infer<typeof civilDateSchema>;
