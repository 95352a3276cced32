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

/** Dense sample types are stored per UTC hour, so their windows start on an hour; steps are rebuilt per day. */
const HOUR_REBUILT_TYPES: ReadonlySet<GoogleHealthDataType> = new Set([
  'heart-rate',
  'oxygen-saturation',
  'heart-rate-variability',
]);

/** One bounded piece of a type's sync: the window to fetch, and what to do once it is stored. */
export interface SyncChunk {
  window: SyncWindow;
  /**
   * Set when the window stops short of now (a dense type is fetched at most about a member-local day per
   * job, so memory stays flat at any density): the rest is fetched by a continuation job.
   */
  continuation?: {
    /** The window's end: the cursor may move here once the chunk is stored (undefined: it may not). */
    cursor?: string;
    /** The continuation job's changedSince for this type (a re-read behind the cursor continues here). */
    changedSince?: string;
  };
}

/**
 * Decides the next bounded window for one type.
 * - It starts at the cursor less an overlap (or the backfill start), is widened to a webhook's earliest
 *   changed time, and never reaches back past the backfill limit.
 * - Hour-bucketed types start on a UTC hour and steps at member-local midnight, so every bucket is
 *   rebuilt from all of its samples.
 * - A dense type's window ends at the first member-local midnight after the point it progresses from
 *   (the cursor, or the changed time when re-reading behind it), or now if sooner: a 30-day backfill at
 *   1 Hz becomes 30 bounded jobs, each checkpointed in the cursor, so a timeout loses at most one chunk.
 */
export const planSyncChunk = (input: {
  dataType: GoogleHealthDataType;
  cursor?: string;
  changedSince?: string;
  timeZone: string;
  now: Date;
  backfillDays?: number;
}): SyncChunk => {
  const { dataType, timeZone, now } = input;
  const today = localDateOf(now, timeZone);
  const backfillStart = localDayStart(
    addDays(today, -(input.backfillDays ?? DEFAULT_BACKFILL_DAYS)),
    timeZone,
  );
  // A cursor from the future (a clock that was wrong) must not leave an empty window for ever.
  const progress =
    input.cursor === undefined ? backfillStart : new Date(Math.min(Date.parse(input.cursor), now.getTime()));
  let from = input.cursor === undefined ? backfillStart : new Date(progress.getTime() - CURSOR_OVERLAP_MS);
  if (input.changedSince !== undefined && Date.parse(input.changedSince) < from.getTime()) {
    from = new Date(input.changedSince);
  }
  if (from.getTime() < backfillStart.getTime()) from = backfillStart;
  // Re-reading behind the cursor (a webhook's old change) progresses from the window start, not the cursor.
  const rereading = from.getTime() < progress.getTime() - CURSOR_OVERLAP_MS;
  const spec = DATA_TYPE_SPECS[dataType];
  if (HOUR_REBUILT_TYPES.has(dataType)) from = new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS);
  else if (spec.dense) from = localDayStart(localDateOf(from, timeZone), timeZone);
  const anchor = rereading ? from : progress;
  const chunkEnd = spec.dense
    ? localDayStart(addDays(localDateOf(anchor, timeZone), 1), timeZone)
    : undefined;
  const end = chunkEnd !== undefined && chunkEnd.getTime() < now.getTime() ? chunkEnd : now;
  const window: SyncWindow = {
    dataType,
    startTime: filterTimestamp(from),
    endTime: filterTimestamp(end),
  };
  if (spec.shape === 'daily') {
    window.startDate = localDateOf(from, timeZone);
    window.endDate = addDays(today, 1);
  }
  if (end === now) return { window };
  return {
    window,
    continuation: rereading ? { changedSince: end.toISOString() } : { cursor: end.toISOString() },
  };
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
