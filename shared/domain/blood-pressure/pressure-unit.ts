export type PressureUnit = 'mmHg' | 'kPa';

/** 1 kPa = 7.50062 mmHg (blood-pressure-formats.md). */
export const MMHG_PER_KPA = 7.50062;

export const roundToTenth = (value: number): number => Math.round(value * 10) / 10;

/** Converts to mmHg, rounded to 0.1 mmHg so a converted reading does not claim false precision. */
export const toMmHg = (value: number, unit: PressureUnit): number =>
  unit === 'kPa' ? roundToTenth(value * MMHG_PER_KPA) : value;

/** The spellings of each unit we accept, for documentation: UCUM codes and what people and devices write. */
export const PRESSURE_UNIT_SPELLINGS = [
  'mmHg',
  'mm[Hg]',
  'mm Hg',
  'mmhg',
  'MMHG',
  'kPa',
  'kpa',
  'KPA',
] as const;

/**
 * Reads a pressure unit however it is spelled: UCUM `mm[Hg]` and `kPa`, and free text such as `mmHg`, `mm Hg`,
 * `mmhg` or `kpa`. Case, spaces and UCUM's brackets are ignored. Undefined for anything else (e.g. `cmH2O`).
 */
export const parsePressureUnit = (text: string): PressureUnit | undefined => {
  const squashed = text.toLowerCase().replace(/[\s[\]]/g, '');
  if (squashed === 'mmhg') return 'mmHg';
  if (squashed === 'kpa') return 'kPa';
  return undefined;
};
