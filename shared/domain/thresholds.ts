import { describeZodIssues } from './zod-issues.js';
import * as z from './zod-mini.js';

/**
 * Highest severe blood-pressure levels an override may set. Above them the severe alert would in effect be
 * switched off (a 260/160 override would never fire); NICE NG136's severe level is 180/120.
 */
export const SEVERE_BP_CAPS = { systolic: 200, diastolic: 130 } as const;

/**
 * Per-member alert thresholds. Defaults and their sources are reviewed in docs/clinical-safety.md;
 * a member's clinician may override any of them, within these limits.
 */
export const thresholdsSchema = z.strictObject({
  bloodPressure: z.strictObject({
    /** NICE NG136: severe hypertension, systolic >= 180 or diastolic >= 120. */
    severeSystolic: z.int().check(z.minimum(120), z.maximum(SEVERE_BP_CAPS.systolic)),
    severeDiastolic: z.int().check(z.minimum(70), z.maximum(SEVERE_BP_CAPS.diastolic)),
    /** Secondary sources: systolic < 90 is low. Configurable, on by default. */
    lowSystolicEnabled: z.boolean(),
    lowSystolic: z.int().check(z.minimum(60), z.maximum(120)),
    /** Same source: diastolic < 60 is low (the "90/60" of the guidance). */
    lowDiastolic: z.int().check(z.minimum(30), z.maximum(80)),
  }),
  /** NEWS2 pulse bands: band 3 (<= low or >= high) is urgent, band 2 is watch. */
  restingHeartRate: z.strictObject({
    low: z.int().check(z.minimum(25), z.maximum(80)),
    watchAtOrBelow: z.int().check(z.minimum(25), z.maximum(90)),
    watchAtOrAbove: z.int().check(z.minimum(60), z.maximum(180)),
    high: z.int().check(z.minimum(60), z.maximum(220)),
  }),
  oxygenSaturation: z.strictObject({
    /** NHS oximetry@home 92%. A wrist night at or below it is watch; on 2 of the last 3 nights, urgent. */
    urgentAtOrBelow: z.number().check(z.minimum(70), z.maximum(99)),
    /** One wrist night at or below this is urgent on its own. */
    singleNightUrgentAtOrBelow: z.number().check(z.minimum(60), z.maximum(99)),
    /** 93-94%: recheck, watch. */
    watchAtOrBelow: z.number().check(z.minimum(70), z.maximum(99)),
  }),
  noData: z.strictObject({
    wearableDays: z.int().check(z.minimum(1), z.maximum(60)),
    /** Days without a reading from a registered blood-pressure monitor before bp-no-readings. */
    bloodPressureDays: z.int().check(z.minimum(1), z.maximum(90)),
  }),
});

export type Thresholds = z.infer<typeof thresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  bloodPressure: {
    severeSystolic: 180,
    severeDiastolic: 120,
    lowSystolicEnabled: true,
    lowSystolic: 90,
    lowDiastolic: 60,
  },
  restingHeartRate: { low: 40, watchAtOrBelow: 50, watchAtOrAbove: 111, high: 131 },
  oxygenSaturation: { urgentAtOrBelow: 92, watchAtOrBelow: 94, singleNightUrgentAtOrBelow: 88 },
  noData: { wearableDays: 3, bloodPressureDays: 7 },
};

export type ThresholdOverrides = { [K in keyof Thresholds]?: Partial<Thresholds[K]> };

type Section = keyof Thresholds;
const SECTIONS = Object.keys(DEFAULT_THRESHOLDS) as Section[];

/** Pairs whose order matters: the first must be below the second, or both fall back. */
const ORDERED_PAIRS: Array<{ section: Section; below: string; above: string; message: string }> = [
  {
    section: 'oxygenSaturation',
    below: 'urgentAtOrBelow',
    above: 'watchAtOrBelow',
    message: 'the SpO2 urgent level must be below the watch level',
  },
  {
    section: 'restingHeartRate',
    below: 'low',
    above: 'high',
    message: 'the resting heart rate low bound must be below the high bound',
  },
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ResolvedThresholds {
  thresholds: Thresholds;
  /** `section.field: why` for every stored override that was not used; its default was used instead. */
  ignored: string[];
}

/**
 * Merges a member's stored overrides over the defaults field by field. A field that is invalid (out of its
 * range, the wrong type, unknown) falls back to its own default and is reported in `ignored`; the other
 * overrides still apply. A pair in the wrong order (SpO2 urgent not below watch) falls back as a pair.
 * Never throws: a broken override must not stop a severe reading from alerting.
 */
export const resolveThresholds = (overrides: unknown): ResolvedThresholds => {
  const ignored: string[] = [];
  const merged = structuredClone(DEFAULT_THRESHOLDS) as Record<Section, Record<string, unknown>>;
  if (overrides !== undefined && !isRecord(overrides)) ignored.push('overrides: not an object');
  const given = isRecord(overrides) ? overrides : {};
  for (const [section, fields] of Object.entries(given)) {
    if (!SECTIONS.includes(section as Section)) {
      ignored.push(`${section}: unknown section`);
      continue;
    }
    if (!isRecord(fields)) {
      ignored.push(`${section}: not an object`);
      continue;
    }
    const shape = thresholdsSchema.shape[section as Section].shape as Record<string, z.ZodMiniType>;
    for (const [field, value] of Object.entries(fields)) {
      const fieldSchema = shape[field];
      if (fieldSchema === undefined) {
        ignored.push(`${section}.${field}: unknown field`);
        continue;
      }
      const parsed = fieldSchema.safeParse(value);
      if (parsed.success) merged[section as Section][field] = parsed.data;
      else ignored.push(`${section}.${field}: ${describeZodIssues(parsed.error)[0] ?? 'invalid'}`);
    }
  }
  for (const pair of ORDERED_PAIRS) {
    const values = merged[pair.section];
    if ((values[pair.below] as number) >= (values[pair.above] as number)) {
      const defaults = DEFAULT_THRESHOLDS[pair.section] as Record<string, unknown>;
      values[pair.below] = defaults[pair.below];
      values[pair.above] = defaults[pair.above];
      ignored.push(`${pair.section}.${pair.below}, ${pair.section}.${pair.above}: ${pair.message}`);
    }
  }
  return { thresholds: merged as Thresholds, ignored };
};

/** The thresholds to use for a member: their valid overrides over the defaults (see resolveThresholds). */
export const mergeThresholds = (overrides: ThresholdOverrides | undefined): Thresholds =>
  resolveThresholds(overrides).thresholds;

/** Problems that stop new overrides from being saved (the CLI refuses rather than falling back). */
export const findOverrideProblems = (overrides: ThresholdOverrides): string[] =>
  resolveThresholds(overrides).ignored;

/**
 * Overrides that switch a rule off, which need an explicit `--allow-disable`. Today only the low blood
 * pressure rule can be switched off; the severe levels are capped instead (SEVERE_BP_CAPS).
 */
export const disabledRulesOf = (overrides: ThresholdOverrides): string[] =>
  overrides.bloodPressure?.lowSystolicEnabled === false ? ['bp-low'] : [];
