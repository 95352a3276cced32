import * as z from 'zod';

/**
 * Per-member alert thresholds. Defaults and their sources are reviewed in docs/clinical-safety.md;
 * a member's clinician may override any of them.
 */
export const thresholdsSchema = z.strictObject({
  bloodPressure: z.strictObject({
    /** NICE NG136: severe hypertension, systolic >= 180 or diastolic >= 120. */
    severeSystolic: z.number().int().min(120).max(260),
    severeDiastolic: z.number().int().min(70).max(160),
    /** Secondary sources: systolic < 90 is low. Configurable, on by default. */
    lowSystolicEnabled: z.boolean(),
    lowSystolic: z.number().int().min(60).max(120),
    /** Same source: diastolic < 60 is low (the "90/60" of the guidance). */
    lowDiastolic: z.number().int().min(30).max(80),
  }),
  /** NEWS2 pulse bands: band 3 (<= low or >= high) is urgent, band 2 is watch. */
  restingHeartRate: z.strictObject({
    low: z.number().int().min(25).max(80),
    watchAtOrBelow: z.number().int().min(25).max(90),
    watchAtOrAbove: z.number().int().min(60).max(180),
    high: z.number().int().min(60).max(220),
  }),
  oxygenSaturation: z.strictObject({
    /** NHS oximetry@home 92%. A wrist night at or below it is watch; on 2 of the last 3 nights, urgent. */
    urgentAtOrBelow: z.number().min(70).max(99),
    /** One wrist night at or below this is urgent on its own. */
    singleNightUrgentAtOrBelow: z.number().min(60).max(99),
    /** 93-94%: recheck, watch. */
    watchAtOrBelow: z.number().min(70).max(99),
  }),
  noData: z.strictObject({
    wearableDays: z.number().int().min(1).max(60),
    /** Days without a reading from a registered blood-pressure monitor before bp-no-readings. */
    bloodPressureDays: z.number().int().min(1).max(90),
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

export const mergeThresholds = (overrides: ThresholdOverrides | undefined): Thresholds => {
  const merged = {
    bloodPressure: { ...DEFAULT_THRESHOLDS.bloodPressure, ...overrides?.bloodPressure },
    restingHeartRate: { ...DEFAULT_THRESHOLDS.restingHeartRate, ...overrides?.restingHeartRate },
    oxygenSaturation: { ...DEFAULT_THRESHOLDS.oxygenSaturation, ...overrides?.oxygenSaturation },
    noData: { ...DEFAULT_THRESHOLDS.noData, ...overrides?.noData },
  };
  return thresholdsSchema.parse(merged);
};
