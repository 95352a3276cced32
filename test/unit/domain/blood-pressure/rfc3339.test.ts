import { describe, expect, it } from 'vitest';
import {
  formatUtcIso,
  parseRfc3339WithOffset,
  RFC3339_WITH_OFFSET,
} from '../../../../shared/domain/blood-pressure/rfc3339.js';

describe('RFC 3339 with offset', () => {
  it.each([
    ['2026-11-20T07:31:00Z', '2026-11-20T07:31:00.000Z', 0],
    ['2026-11-20T07:31:00+00:00', '2026-11-20T07:31:00.000Z', 0],
    ['2026-07-15T08:00:00.5+01:00', '2026-07-15T07:00:00.500Z', 60],
    ['2026-07-15T00:30:00.123456789+01:00', '2026-07-14T23:30:00.123Z', 60], // crosses midnight backwards
    ['2026-12-31T22:00:00-05:00', '2027-01-01T03:00:00.000Z', -300], // crosses a year forwards
    ['2028-02-29T12:00:00+05:30', '2028-02-29T06:30:00.000Z', 330],
  ])('parses %s', (text, utcIso, utcOffsetMinutes) => {
    expect(RFC3339_WITH_OFFSET.test(text)).toBe(true);
    expect(parseRfc3339WithOffset(text)).toEqual({ epochMs: Date.parse(utcIso), utcOffsetMinutes, utcIso });
  });

  it.each([
    '2026-11-20T07:31:00',
    '2026-11-20 07:31:00Z',
    '2026-11-20',
    '2026-13-01T00:00:00Z',
    '2026-11-20T24:00:00Z',
  ])('the pattern refuses %s', (text) => {
    expect(RFC3339_WITH_OFFSET.test(text)).toBe(false);
  });

  it.each(['2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T00:00:00+15:00'])(
    'parsing refuses %s, which matches the pattern but is not a real instant',
    (text) => {
      expect(RFC3339_WITH_OFFSET.test(text)).toBe(true);
      expect(parseRfc3339WithOffset(text)).toBeUndefined();
    },
  );

  it('formats like Date#toISOString', () => {
    for (const epochMs of [0, 946_684_800_000, 1_795_000_000_123, 253_402_300_799_999, 951_782_400_000]) {
      expect(formatUtcIso(epochMs)).toBe(new Date(epochMs).toISOString());
    }
  });
});
