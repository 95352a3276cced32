import {
  type HomeAverage,
  homeBloodPressureAverage,
} from '../../shared/domain/alerts/home-blood-pressure-average.js';
import { localDateOf } from '../../shared/domain/alerts/local-time.js';
import type { BloodPressureReading } from '../../shared/domain/blood-pressure-reading.js';

export interface WeeklyHomeAverage {
  /** Member-local Monday of the week, YYYY-MM-DD. */
  weekStarting: string;
  readings: number;
  average: HomeAverage;
}

const mondayOf = (localDate: string): string => {
  const date = new Date(`${localDate}T12:00:00Z`);
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - daysSinceMonday);
  return date.toISOString().slice(0, 10);
};

/**
 * The NICE NG136 home average for each member-local week (Monday to Sunday) that has readings: each week
 * is treated as one monitoring period, so its first day is discarded and it needs readings on 4 days.
 */
export const weeklyHomeAverages = (
  readings: readonly BloodPressureReading[],
  timezone: string,
): WeeklyHomeAverage[] => {
  const byWeek = new Map<string, BloodPressureReading[]>();
  for (const reading of readings) {
    const week = mondayOf(localDateOf(reading.measuredAt, timezone));
    byWeek.set(week, [...(byWeek.get(week) ?? []), reading]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStarting, week]) => ({
      weekStarting,
      readings: week.length,
      average: homeBloodPressureAverage(week, timezone),
    }));
};
