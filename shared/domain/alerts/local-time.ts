import { localDateOf as localDateOfInstant } from '../time/member-local-time.js';

/** Member-local civil date (YYYY-MM-DD) of a UTC ISO instant, read in the member's IANA zone (BST-aware). */
export const localDateOf = (instantIso: string, timezone: string): string =>
  localDateOfInstant(new Date(instantIso), timezone);

/** Staff-readable local time, e.g. "07:31 BST on 20 Oct 2026". */
export const localTimeLabel = (instantIso: string, timezone: string): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZoneName: 'short',
  }).formatToParts(new Date(instantIso));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')} on ${part('day')} ${part('month')} ${part('year')}`;
};

/** Staff-readable civil date from YYYY-MM-DD, e.g. "20 Oct 2026" (no zone: it is already local). */
export const localDateLabel = (localDate: string): string => {
  const date = new Date(`${localDate}T12:00:00Z`);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
};
