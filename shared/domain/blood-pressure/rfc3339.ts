/**
 * An RFC 3339 date-time that carries its own offset (`Z` or `±hh:mm`): upper-case `T` and `Z`,
 * up to 9 fraction digits. A zone-less time is refused, because we could only guess which zone it meant.
 */
export const RFC3339_WITH_OFFSET =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Real zones lie within UTC-12:00 to UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

export interface ParsedInstant {
  epochMs: number;
  utcOffsetMinutes: number;
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

/**
 * Parses a string already matched against RFC3339_WITH_OFFSET. Hot path: no regex, no Intl, one Date.parse.
 * Returns undefined for a calendar date that does not exist (Date.parse would roll 30 February into March).
 */
export const parseRfc3339WithOffset = (value: string): ParsedInstant | undefined => {
  const day = Number(value.slice(8, 10));
  if (day > 28) {
    const year = Number(value.slice(0, 4));
    const month = Number(value.slice(5, 7));
    if (day > daysInMonth(year, month)) return undefined;
  }
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs)) return undefined;
  let utcOffsetMinutes = 0;
  if (value.charCodeAt(value.length - 1) !== 90 /* Z */) {
    const sign = value.charCodeAt(value.length - 6) === 45 /* - */ ? -1 : 1;
    const hours = Number(value.slice(-5, -3));
    const minutes = Number(value.slice(-2));
    utcOffsetMinutes = sign * (hours * 60 + minutes);
    if (Math.abs(utcOffsetMinutes) > MAX_OFFSET_MINUTES) return undefined;
  }
  return { epochMs, utcOffsetMinutes };
};
