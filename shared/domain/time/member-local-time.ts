/**
 * Member-local calendar arithmetic over IANA zones, using the runtime's ICU data (no library).
 * Days are grouped by the member's zone, so a BST change day has 23 or 25 local hours.
 */

const HOUR_MS = 3_600_000;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

const offsetFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
};

const dateFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = dateFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Minutes east of UTC that applied in the zone at an instant (London: 0 or 60). */
export const offsetMinutesAt = (instant: Date, timeZone: string): number => {
  const name = offsetFormatter(timeZone)
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (match === null) {
    throw new RangeError(`Cannot read the UTC offset of zone ${timeZone}`);
  }
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
};

/** The member-local date (YYYY-MM-DD) of an instant. */
export const localDateOf = (instant: Date, timeZone: string): string =>
  dateFormatter(timeZone).format(instant);

/** Adds whole days to a civil date. */
export const addDays = (localDate: string, days: number): string => {
  const [year, month, day] = localDate.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
};

/** The UTC instant of local midnight starting a civil date in the zone. */
export const localDayStart = (localDate: string, timeZone: string): Date => {
  const naiveUtc = Date.parse(`${localDate}T00:00:00Z`);
  // Two passes settle the offset even when midnight is near a transition.
  let guess = naiveUtc - offsetMinutesAt(new Date(naiveUtc), timeZone) * 60_000;
  guess = naiveUtc - offsetMinutesAt(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
};

/** Formats an instant as local ISO time with its offset, e.g. 2026-03-29T02:00:00+01:00. */
export const formatWithOffset = (instant: Date, offsetMinutes: number): string => {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
};

/** Start instants of every local hour of a civil date: 24, or 23/25 on a clock-change day. */
export const localHourStarts = (localDate: string, timeZone: string): Date[] => {
  const start = localDayStart(localDate, timeZone).getTime();
  const end = localDayStart(addDays(localDate, 1), timeZone).getTime();
  const hours: Date[] = [];
  for (let at = start; at < end; at += HOUR_MS) hours.push(new Date(at));
  return hours;
};

/** Parses a protobuf Duration string such as "3600s" or "-18000s" into whole minutes. */
export const durationToMinutes = (duration: string): number => {
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(duration);
  if (match === null) throw new RangeError(`Not a duration: ${duration}`);
  return Math.round(Number(match[1]) / 60);
};
