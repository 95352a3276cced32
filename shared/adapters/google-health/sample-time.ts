import { durationToMinutes, localDateOf, offsetMinutesAt } from '../../domain/time/member-local-time.js';
import type * as z from '../../domain/zod-mini.js';
import type { civilDateSchema, sampleTimeSchema } from './data-point-schemas.js';

/** UTC instant, offset and local date of an upstream sample; the sample's own offset wins over the zone's. */
export const timeOfSample = (
  sampleTime: z.infer<typeof sampleTimeSchema>,
  timeZone: string,
): { instant: Date; utcOffsetMinutes: number; localDate: string } => {
  const instant = new Date(sampleTime.physicalTime);
  if (sampleTime.utcOffset === undefined) {
    return {
      instant,
      utcOffsetMinutes: offsetMinutesAt(instant, timeZone),
      localDate: localDateOf(instant, timeZone),
    };
  }
  const utcOffsetMinutes = durationToMinutes(sampleTime.utcOffset);
  const localDate = new Date(instant.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return { instant, utcOffsetMinutes, localDate };
};

/** A google.type.Date as YYYY-MM-DD. */
export const civilDateToString = (date: z.infer<typeof civilDateSchema>): string =>
  `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
