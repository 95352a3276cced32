/**
 * An RFC 3339 date-time that carries its own offset (`Z` or `±hh:mm`): upper-case `T` and `Z`,
 * up to 9 fraction digits. A zone-less time is refused, because we could only guess which zone it meant.
 */
export const RFC3339_WITH_OFFSET =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Real zones lie within UTC-12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;
const DAY_MS = 86_400_000;

export interface ParsedInstant {
  epochMs: number;
  utcOffsetMinutes: number;
  /** The same instant as UTC ISO-8601 with milliseconds (fraction digits past the third are dropped). */
  utcIso: string;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** Readings in one upload mostly share a few days: remember the last day's date text. */
let cachedDay = Number.NaN;
let cachedDateText = '';

const dateTextOf = (days: number): string => {
  if (days === cachedDay) return cachedDateText;
  // H. Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  cachedDay = days;
  cachedDateText = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
  return cachedDateText;
};

/** Epoch ms to `YYYY-MM-DDTHH:mm:ss.sssZ` for years 0 to 9999; same result as Date#toISOString, without a Date. */
export const formatUtcIso = (epochMs: number): string => {
  const days = Math.floor(epochMs / DAY_MS);
  let msOfDay = epochMs - days * DAY_MS;
  const hours = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hours * 3_600_000;
  const minutes = Math.floor(msOfDay / 60_000);
  msOfDay -= minutes * 60_000;
  const seconds = Math.floor(msOfDay / 1000);
  return `${dateTextOf(days)}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[msOfDay - seconds * 1000]}Z`;
};

const digit = (value: string, index: number): number => value.charCodeAt(index) - 48;
const twoDigits = (value: string, index: number): number =>
  digit(value, index) * 10 + digit(value, index + 1);

/**
 * Parses a string already matched against RFC3339_WITH_OFFSET. Hot path of bulk uploads: digit arithmetic only,
 * no Date, no regex, no Intl. Returns undefined for a calendar date that does not exist (30 February) or an offset
 * no zone uses.
 */
export const parseRfc3339WithOffset = (value: string): ParsedInstant | undefined => {
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  let millis = 0;
  let at = 19;
  if (value.charCodeAt(at) === 46 /* . */) {
    let scale = 100;
    for (at = 20; at < value.length; at++) {
      const next = digit(value, at);
      if (next < 0 || next > 9) break;
      millis += next * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  let utcOffsetMinutes = 0;
  if (value.charCodeAt(at) !== 90 /* Z */) {
    const sign = value.charCodeAt(at) === 45 /* - */ ? -1 : 1;
    utcOffsetMinutes = sign * (twoDigits(value, at + 1) * 60 + twoDigits(value, at + 4));
    if (utcOffsetMinutes > MAX_OFFSET_MINUTES || utcOffsetMinutes < -MAX_OFFSET_MINUTES) return undefined;
  }
  const minuteOfDay = twoDigits(value, 11) * 60 + twoDigits(value, 14) - utcOffsetMinutes;
  const seconds = twoDigits(value, 17);
  const epochMs = daysFromCivil(year, month, day) * DAY_MS + (minuteOfDay * 60 + seconds) * 1000 + millis;
  // Common case: the UTC time falls on the same calendar day, so only the clock part is rewritten.
  const utcIso =
    minuteOfDay >= 0 && minuteOfDay < 1440
      ? `${value.slice(0, 11)}${TWO_DIGITS[Math.floor(minuteOfDay / 60)]}:${TWO_DIGITS[minuteOfDay % 60]}:${value.slice(17, 19)}.${THREE_DIGITS[millis]}Z`
      : formatUtcIso(epochMs);
  return { epochMs, utcOffsetMinutes, utcIso };
};
