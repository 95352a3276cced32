import { addDays, localDateOf, localDayStart } from '../time/member-local-time.js';
import { DATA_TYPE_SPECS, type GoogleHealthDataType } from './data-types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_BACKFILL_DAYS = 30;
/** Re-read this much before the cursor: upstream can settle a few points after a first delivery. */
export const CURSOR_OVERLAP_MS = 2 * HOUR_MS;
/**
 * A tracker holds about a week of detail, so nothing older can still arrive late. Cursors move at least
 * this close to now, which keeps a silent member's syncs from re-reading the whole backfill every time.
 */
export const LATE_DATA_HORIZON_MS = 7 * DAY_MS;

/** What to fetch for one type: a UTC range, plus member-local dates for the daily types. */
export interface SyncWindow {
  dataType: GoogleHealthDataType;
  startTime: string;
  endTime: string;
  /** Daily types only: first local date, and the date after the last (exclusive). */
  startDate?: string;
  endDate?: string;
}

/** RFC 3339 without zero milliseconds, as the doc's filter examples are written. */
export const filterTimestamp = (instant: Date): string => instant.toISOString().replace('.000Z', 'Z');

/**
 * Decides the window for one type. It starts at the cursor less an overlap (or the backfill start), is
 * widened to a webhook's earliest changed time, and never reaches back past the backfill limit. Dense
 * types start at member-local midnight so each day bucket is rebuilt from the whole day.
 */
export const planSyncWindow = (input: {
  dataType: GoogleHealthDataType;
  cursor?: string;
  changedSince?: string;
  timeZone: string;
  now: Date;
  backfillDays?: number;
}): SyncWindow => {
  const { dataType, timeZone, now } = input;
  const today = localDateOf(now, timeZone);
  const backfillStart = localDayStart(
    addDays(today, -(input.backfillDays ?? DEFAULT_BACKFILL_DAYS)),
    timeZone,
  );
  // A cursor from the future (a clock that was wrong) must not leave an empty window for ever.
  let from =
    input.cursor === undefined
      ? backfillStart
      : new Date(Math.min(Date.parse(input.cursor), now.getTime()) - CURSOR_OVERLAP_MS);
  if (input.changedSince !== undefined && Date.parse(input.changedSince) < from.getTime()) {
    from = new Date(input.changedSince);
  }
  if (from.getTime() < backfillStart.getTime()) from = backfillStart;
  const spec = DATA_TYPE_SPECS[dataType];
  if (spec.dense) from = localDayStart(localDateOf(from, timeZone), timeZone);
  const window: SyncWindow = {
    dataType,
    startTime: filterTimestamp(from),
    endTime: filterTimestamp(now),
  };
  if (spec.shape === 'daily') {
    window.startDate = localDateOf(from, timeZone);
    window.endDate = addDays(today, 1);
  }
  return window;
};

/** The AIP-160 filter for a window, with the doc's field names. */
export const filterFor = (window: SyncWindow): string => {
  const field = DATA_TYPE_SPECS[window.dataType].filterField;
  if (window.startDate !== undefined && window.endDate !== undefined) {
    return `${field} >= "${window.startDate}" AND ${field} < "${window.endDate}"`;
  }
  return `${field} >= "${window.startTime}" AND ${field} < "${window.endTime}"`;
};

/**
 * The cursor to keep after a sync: never backwards, at least the newest data, at most a week stale, and
 * never past now: a data point stamped in the future (a wrong device clock) must not make the next syncs
 * skip everything up to that time.
 */
export const nextCursor = (input: { previous?: string; newestData?: string; now: Date }): string => {
  const candidates = [input.now.getTime() - LATE_DATA_HORIZON_MS];
  if (input.previous !== undefined) candidates.push(Date.parse(input.previous));
  if (input.newestData !== undefined) candidates.push(Date.parse(input.newestData));
  return new Date(Math.min(Math.max(...candidates), input.now.getTime())).toISOString();
};
