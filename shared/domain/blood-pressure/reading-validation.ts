import type { ReadingQualityFlag } from '../blood-pressure-reading.js';

/**
 * Plausibility limits for a home blood-pressure reading, in mmHg and beats per minute. They reject values
 * no living adult at rest produces (typing slips, sensor faults, unit mix-ups), not clinically alarming ones:
 * a systolic of 250 is kept and alerted on. Changing them is a clinical-safety decision.
 * Only systolic and diastolic can refuse a reading; an odd pulse or mean arterial pressure is dropped and
 * flagged, so it never costs us the blood pressure beside it.
 */
export const READING_BOUNDS = {
  systolic: { min: 50, max: 300 },
  diastolic: { min: 20, max: 200 },
  pulse: { min: 25, max: 250 },
  meanArterialPressure: { min: 20, max: 300 },
} as const;

export interface PressureValues {
  systolic: number;
  diastolic: number;
  pulse?: number;
  meanArterialPressure?: number;
}

const outside = (name: keyof typeof READING_BOUNDS, value: number, unit: string): string | undefined => {
  const { min, max } = READING_BOUNDS[name];
  return Number.isFinite(value) && value >= min && value <= max
    ? undefined
    : `${name} ${value} ${unit} is outside the plausible range ${min} to ${max}`;
};

/** Why the blood pressure itself (already in mmHg) cannot be stored, or undefined if it can. */
export const findPressureProblem = (
  values: Pick<PressureValues, 'systolic' | 'diastolic'>,
): string | undefined =>
  outside('systolic', values.systolic, 'mmHg') ??
  outside('diastolic', values.diastolic, 'mmHg') ??
  (values.systolic <= values.diastolic ? 'systolic must be greater than diastolic' : undefined);

export interface CheckedSideValues {
  pulse?: number;
  meanArterialPressure?: number;
  /** One flag per side value that was given but dropped as implausible. */
  flags: ReadingQualityFlag[];
}

const within = (name: 'pulse' | 'meanArterialPressure', value: number | undefined): boolean =>
  value === undefined || outside(name, value, '') === undefined;

/**
 * Keeps the pulse and mean arterial pressure that are plausible and drops the others, with a flag each
 * (`pulse-dropped`, `mean-arterial-pressure-dropped`). The blood pressure is kept either way.
 */
export const checkSideValues = (
  values: Pick<PressureValues, 'pulse' | 'meanArterialPressure'>,
): CheckedSideValues => {
  const checked: CheckedSideValues = { flags: [] };
  if (within('pulse', values.pulse)) {
    if (values.pulse !== undefined) checked.pulse = values.pulse;
  } else checked.flags.push('pulse-dropped');
  if (within('meanArterialPressure', values.meanArterialPressure)) {
    if (values.meanArterialPressure !== undefined) checked.meanArterialPressure = values.meanArterialPressure;
  } else checked.flags.push('mean-arterial-pressure-dropped');
  return checked;
};
