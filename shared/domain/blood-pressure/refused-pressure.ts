import type { RefusedPressure } from './item-outcome.js';
import { type PressureUnit, parsePressureUnit, toMmHg } from './pressure-unit.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Best effort: the systolic and diastolic of a JSON-form item that failed its schema (an unknown field, a
 * missing time...), in mmHg, so a severe value in a refused item is still reported. Undefined when they are
 * not both finite numbers.
 */
export const jsonItemPressureOf = (item: unknown): RefusedPressure | undefined => {
  if (!isRecord(item)) return undefined;
  const { systolic, diastolic, unit } = item;
  if (typeof systolic !== 'number' || typeof diastolic !== 'number') return undefined;
  if (!Number.isFinite(systolic) || !Number.isFinite(diastolic)) return undefined;
  const parsedUnit: PressureUnit = (typeof unit === 'string' ? parsePressureUnit(unit) : undefined) ?? 'mmHg';
  return { systolic: toMmHg(systolic, parsedUnit), diastolic: toMmHg(diastolic, parsedUnit) };
};
