import { civilTimeToInstant } from './device-local-time.js';
import { type ParsedInstant, parseRfc3339WithOffset, RFC3339_WITH_OFFSET } from './rfc3339.js';

/**
 * An RFC 3339 date-time whose offset may be missing: a zone-less time is what the monitor's clock said, read
 * in the member's zone (as a Bluetooth time stamp is), rather than refused.
 */
export const RFC3339_OFFSET_OPTIONAL =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

/** Epoch ms and offset of a measuredAt, or undefined for a date that does not exist (30 February). */
export const readMeasuredAt = (
  text: string,
  timezone: string,
): (Omit<ParsedInstant, 'utcIso'> & { utcIso?: string }) | undefined => {
  if (RFC3339_WITH_OFFSET.test(text)) return parseRfc3339WithOffset(text);
  const [year, month, day, hours, minutes, seconds] = [
    text.slice(0, 4),
    text.slice(5, 7),
    text.slice(8, 10),
    text.slice(11, 13),
    text.slice(14, 16),
    text.slice(17, 19),
  ].map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const fraction = text.length > 20 ? Math.floor(Number(`0${text.slice(19)}`) * 1000) : 0;
  const instant = civilTimeToInstant({ year, month, day, hours, minutes, seconds }, timezone);
  return { epochMs: Date.parse(instant.measuredAt) + fraction, utcOffsetMinutes: instant.utcOffsetMinutes };
};
