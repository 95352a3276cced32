/** Civil (wall-clock) time in an IANA zone, computed with Intl so clock changes (BST) are honoured. */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
}

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

const intlCivilDateTimeAt = (timeZone: string, instantMs: number): CivilDateTime => {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hours: parts.hour ?? 0,
    minutes: parts.minute ?? 0,
    seconds: parts.second ?? 0,
  };
};

const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();

/**
 * Seconds east of UTC in force at the instant. Zones change offset on quarter-hour boundaries, so the
 * (slow) Intl lookup is cached per UTC quarter hour.
 */
export const utcOffsetSecondsAt = (timeZone: string, instantMs: number): number => {
  const bucketStart = Math.floor(instantMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}@${bucketStart}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const civil = intlCivilDateTimeAt(timeZone, bucketStart);
  const asUtc = Date.UTC(civil.year, civil.month - 1, civil.day, civil.hours, civil.minutes, civil.seconds);
  const offset = Math.round((asUtc - bucketStart) / 1000);
  offsetCache.set(key, offset);
  return offset;
};

export const civilDateTimeAt = (timeZone: string, instantMs: number): CivilDateTime => {
  const shifted = new Date(instantMs + utcOffsetSecondsAt(timeZone, instantMs) * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
  };
};

/** The instant at which the given civil time occurs (the earlier one in an autumn overlap). */
export const instantOfCivil = (timeZone: string, civil: CivilDateTime): number => {
  const naive = Date.UTC(civil.year, civil.month - 1, civil.day, civil.hours, civil.minutes, civil.seconds);
  let guess = naive - utcOffsetSecondsAt(timeZone, naive) * 1000;
  guess = naive - utcOffsetSecondsAt(timeZone, guess) * 1000;
  return guess;
};

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** YYYY-MM-DD */
export const formatCivilDate = (civil: Pick<CivilDateTime, 'year' | 'month' | 'day'>): string =>
  `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)}`;

/** YYYY-MM-DDTHH:MM:SS, sortable as a string. */
export const formatCivilDateTime = (civil: CivilDateTime): string =>
  `${formatCivilDate(civil)}T${pad(civil.hours)}:${pad(civil.minutes)}:${pad(civil.seconds)}`;

export const parseCivilDate = (date: string): { year: number; month: number; day: number } => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day };
};

export const addDays = (date: string, days: number): string => {
  const { year, month, day } = parseCivilDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatCivilDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
};

export const civilDateAt = (timeZone: string, instantMs: number): string =>
  formatCivilDate(civilDateTimeAt(timeZone, instantMs));

/** The instant of a local wall-clock time on a civil date, e.g. 07:30 on 2026-11-20. */
export const instantOfLocalTime = (timeZone: string, date: string, minutesAfterMidnight: number): number => {
  const { year, month, day } = parseCivilDate(date);
  const hours = Math.floor(minutesAfterMidnight / 60);
  const minutes = Math.floor(minutesAfterMidnight % 60);
  const seconds = Math.round((minutesAfterMidnight * 60) % 60);
  return instantOfCivil(timeZone, { year, month, day, hours, minutes, seconds });
};
