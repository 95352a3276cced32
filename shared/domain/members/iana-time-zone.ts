import * as z from 'zod';

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
  .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Europe/London' });
