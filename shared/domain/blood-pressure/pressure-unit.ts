export type PressureUnit = 'mmHg' | 'kPa';

/** 1 kPa = 7.50062 mmHg (blood-pressure-formats.md). */
export const MMHG_PER_KPA = 7.50062;

export const roundToTenth = (value: number): number => Math.round(value * 10) / 10;

/** Converts to mmHg, rounded to 0.1 mmHg so a converted reading does not claim false precision. */
export const toMmHg = (value: number, unit: PressureUnit): number =>
  unit === 'kPa' ? roundToTenth(value * MMHG_PER_KPA) : value;
