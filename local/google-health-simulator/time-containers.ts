import { civilDateTimeAt, parseCivilDate, utcOffsetSecondsAt } from './time-zone.js';

/** API civil time: `{date:{year,month,day}, time:{hours,minutes,seconds,nanos}}`, no zone. */
export const civilTimeJson = (timeZone: string, instantMs: number) => {
  const civil = civilDateTimeAt(timeZone, instantMs);
  return {
    date: { year: civil.year, month: civil.month, day: civil.day },
    time: {
      hours: civil.hours,
      minutes: civil.minutes,
      seconds: civil.seconds,
      nanos: (((instantMs % 1000) + 1000) % 1000) * 1_000_000,
    },
  };
};

/** Offsets are protobuf Duration strings, e.g. "3600s". */
export const utcOffsetJson = (timeZone: string, instantMs: number): string =>
  `${utcOffsetSecondsAt(timeZone, instantMs)}s`;

export const sampleTimeJson = (timeZone: string, instantMs: number) => ({
  physicalTime: new Date(instantMs).toISOString(),
  utcOffset: utcOffsetJson(timeZone, instantMs),
  civilTime: civilTimeJson(timeZone, instantMs),
});

export const intervalJson = (timeZone: string, startMs: number, endMs: number) => ({
  startTime: new Date(startMs).toISOString(),
  endTime: new Date(endMs).toISOString(),
  startUtcOffset: utcOffsetJson(timeZone, startMs),
  endUtcOffset: utcOffsetJson(timeZone, endMs),
  civilStartTime: civilTimeJson(timeZone, startMs),
  civilEndTime: civilTimeJson(timeZone, endMs),
});

/** google.type.Date for daily types. */
export const civilDateJson = (date: string) => parseCivilDate(date);
