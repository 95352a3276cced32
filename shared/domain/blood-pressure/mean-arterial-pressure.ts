import { roundToTenth } from './pressure-unit.js';

/** The usual one-third rule, MAP = DBP + (SBP - DBP) / 3, to 0.1 mmHg; used only when the device gave none. */
export const computeMeanArterialPressure = (systolic: number, diastolic: number): number =>
  roundToTenth(diastolic + (systolic - diastolic) / 3);
