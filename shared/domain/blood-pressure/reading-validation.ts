/**
 * Plausibility limits for a home blood-pressure reading, in mmHg and beats per minute. They reject values
 * no living adult at rest produces (typing slips, sensor faults, unit mix-ups), not clinically alarming ones:
 * a systolic of 250 is kept and alerted on. Changing them is a clinical-safety decision.
 */
export const READING_BOUNDS = {
  systolic: { min: 50, max: 300 },
  diastolic: { min: 20, max: 200 },
  pulse: { min: 25, max: 250 },
  meanArterialPressure: { min: 20, max: 300 },
  /** A device clock may run a little fast; more than this is refused. */
  maxFutureMs: 5 * 60_000,
  /** Nothing older than this is a real upload from a home monitor. */
  earliestMeasuredAt: Date.UTC(2000, 0, 1),
} as const;

export interface PressureValues {
  systolic: number;
  diastolic: number;
  pulse?: number;
  meanArterialPressure?: number;
}

const outside = (
  name: keyof typeof READING_BOUNDS & keyof PressureValues,
  value: number,
  unit: string,
): string | undefined => {
  const { min, max } = READING_BOUNDS[name];
  return Number.isFinite(value) && value >= min && value <= max
    ? undefined
    : `${name} ${value} ${unit} is outside the plausible range ${min} to ${max}`;
};

/**
 * Why a reading (already in mmHg) cannot be stored, or undefined if it can. A reading is accepted whole or
 * refused whole: never stored with a value dropped.
 */
export const findReadingProblem = (
  values: PressureValues,
  measuredAtMs: number,
  nowMs: number,
): string | undefined => {
  const problem =
    outside('systolic', values.systolic, 'mmHg') ??
    outside('diastolic', values.diastolic, 'mmHg') ??
    (values.pulse === undefined ? undefined : outside('pulse', values.pulse, '/min')) ??
    (values.meanArterialPressure === undefined
      ? undefined
      : outside('meanArterialPressure', values.meanArterialPressure, 'mmHg'));
  if (problem !== undefined) return problem;
  if (values.systolic <= values.diastolic) return 'systolic must be greater than diastolic';
  if (measuredAtMs > nowMs + READING_BOUNDS.maxFutureMs) {
    return 'measuredAt is more than 5 minutes in the future; check the device clock';
  }
  if (measuredAtMs < READING_BOUNDS.earliestMeasuredAt) return 'measuredAt is before the year 2000';
  return undefined;
};
