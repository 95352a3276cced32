/**
 * The NEWS2 SpO2 scale 1 band a single value falls in, for reference grading only.
 * NEWS2 is validated on a full set of observations; this is never a NEWS2 score.
 */
export const news2Spo2Scale1Band = (percentage: number): string => {
  if (percentage <= 91) return '91% or below';
  if (percentage <= 93) return '92 to 93%';
  if (percentage <= 95) return '94 to 95%';
  return '96% or above';
};
