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
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Offset of the zone at a UTC instant, in minutes east of UTC (whole seconds are enough for any zone). */
export const zoneOffsetMinutes = (timeZone: string, epochMs: number): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const flooredEpoch = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Math.round((asUtc - flooredEpoch) / MINUTE_MS);
};

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
  const offsetBefore = zoneOffsetMinutes(timeZone, civilAsUtc - 12 * HOUR_MS);
  const offsetAfter = zoneOffsetMinutes(timeZone, civilAsUtc + 12 * HOUR_MS);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => civilAsUtc - offset * MINUTE_MS)
    .filter((instant, index, all) => all.indexOf(instant) === index)
    .filter((instant) => civilAsUtc - zoneOffsetMinutes(timeZone, instant) * MINUTE_MS === instant)
    .sort((a, b) => a - b);
  // No candidate means a gap: the offset in force before it puts the instant just after the change.
  const instant = candidates[0] ?? civilAsUtc - offsetBefore * MINUTE_MS;
  return {
    measuredAt: new Date(instant).toISOString(),
    utcOffsetMinutes: zoneOffsetMinutes(timeZone, instant),
  };
};
