import type { BloodPressureReading } from '../blood-pressure-reading.js';
import { addDays, localDateOf, localDayStart } from '../time/member-local-time.js';
import type { HomeReading } from './home-blood-pressure-average.js';

/** Seven member-local days, inclusive, and the UTC instants that bound them (end exclusive). */
export interface LocalWeek {
  from: string;
  to: string;
  startUtc: string;
  endUtc: string;
}

const weekOf = (from: string, timezone: string): LocalWeek => ({
  from,
  to: addDays(from, 6),
  startUtc: localDayStart(from, timezone).toISOString(),
  endUtc: localDayStart(addDays(from, 7), timezone).toISOString(),
});

/**
 * The monitoring window the bp-average-stage2 alert uses: the member-local week, Monday to Sunday, that holds
 * the date. Fixed weeks, not a sliding 7 days, so a high average raises at most one alert per week.
 */
export const monitoringWeekOf = (localDate: string, timezone: string): LocalWeek => {
  const weekday = new Date(`${localDate}T12:00:00Z`).getUTCDay(); // 0 Sunday .. 6 Saturday
  return weekOf(addDays(localDate, -((weekday + 6) % 7)), timezone);
};

/** The 7 member-local days before the local date of `now` (the weekly summary's period). */
export const sevenDaysBefore = (now: Date, timezone: string): LocalWeek =>
  weekOf(addDays(localDateOf(now, timezone), -7), timezone);

/** Two copies of one measurement sent through different routes (JSON and FHIR, two gateways) are this close. */
export const CROSS_SOURCE_DUPLICATE_MS = 2 * 60_000;

type AverageCandidate = HomeReading &
  Pick<BloodPressureReading, 'provenance'> &
  Partial<Pick<BloodPressureReading, 'clock'>>;

const sourceOf = (reading: AverageCandidate): string =>
  `${reading.provenance.source}#${reading.provenance.deviceId ?? ''}`;

/**
 * The readings the NICE home average may use, each measurement once:
 * - a reading stored at the time of receipt because its clock was wrong is left out (its day is unknown);
 * - the same values from another source within 2 minutes are one measurement sent twice, counted once.
 *   Two readings from the same source a minute apart are the NICE protocol's pair, and both count.
 */
export const readingsForHomeAverage = <T extends AverageCandidate>(readings: readonly T[]): T[] => {
  const kept: T[] = [];
  const sorted = [...readings]
    .filter((reading) => reading.clock?.timeSource !== 'received')
    .sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  for (const reading of sorted) {
    const at = Date.parse(reading.measuredAt);
    const copy = kept.some(
      (other) =>
        sourceOf(other) !== sourceOf(reading) &&
        other.systolic === reading.systolic &&
        other.diastolic === reading.diastolic &&
        Math.abs(Date.parse(other.measuredAt) - at) <= CROSS_SOURCE_DUPLICATE_MS,
    );
    if (!copy) kept.push(reading);
  }
  return kept;
};
