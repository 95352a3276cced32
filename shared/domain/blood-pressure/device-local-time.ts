import { offsetMinutesAt } from '../time/member-local-time.js';

/** A civil date and time with no zone, as a device clock reports it. */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface ZonedInstant {
  /** UTC ISO-8601 with milliseconds. */
  measuredAt: string;
  /** Offset east of UTC, in minutes, that applied at that instant in the zone. */
  utcOffsetMinutes: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** `2026-10-25T01:30:00`: the device time exactly as received, for provenance. */
export const formatCivilDateTime = (civil: CivilDateTime): string => {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)}` +
    `T${pad(civil.hours)}:${pad(civil.minutes)}:${pad(civil.seconds)}`
  );
};

/**
 * Reads a zone-less civil time in an IANA zone. Deterministic at clock changes:
 * - in the autumn overlap (the hour that happens twice) the earlier instant is chosen (BST in London);
 * - in the spring gap (the hour that never happens) the time is shifted forward by the gap,
 *   so 01:30 on the March change day in London becomes 02:30 BST (01:30Z).
 */
export const civilTimeToInstant = (civil: CivilDateTime, timeZone: string): ZonedInstant => {
  const civilAsUtc = Date.UTC(
    civil.year,
    civil.month - 1,
    civil.day,
    civil.hours,
    civil.minutes,
    civil.seconds,
  );
  const offsetBefore = offsetMinutesAt(new Date(civilAsUtc - 12 * HOUR_MS), timeZone);
  const offsetAfter = offsetMinutesAt(new Date(civilAsUtc + 12 * HOUR_MS), timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => civilAsUtc - offset * MINUTE_MS)
    .filter((instant, index, all) => all.indexOf(instant) === index)
    .filter((instant) => civilAsUtc - offsetMinutesAt(new Date(instant), timeZone) * MINUTE_MS === instant)
    .sort((a, b) => a - b);
  // No candidate means a gap: the offset in force before it puts the instant just after the change.
  const instant = candidates[0] ?? civilAsUtc - offsetBefore * MINUTE_MS;
  return {
    measuredAt: new Date(instant).toISOString(),
    utcOffsetMinutes: offsetMinutesAt(new Date(instant), timeZone),
  };
};
