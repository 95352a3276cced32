import * as z from '../zod-mini.js';

const isKnownTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

export const ianaTimeZoneSchema = z
  .string()
  .check(z.refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Europe/London' }));
