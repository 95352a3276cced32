import type { Metric } from '../metric.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { Reading } from '../reading.js';
import type { GoogleHealthDataType } from './data-types.js';
import type { SyncWindow } from './sync-window.js';

/** Sparse types: stored once per upstream point, so a point deleted upstream must be deleted here too. */
const SPARSE_METRIC_OF: Partial<Record<GoogleHealthDataType, Metric>> = {
  weight: 'weight',
  sleep: 'sleep',
  'daily-resting-heart-rate': 'resting-heart-rate',
  'daily-oxygen-saturation': 'daily-oxygen-saturation',
};

const DAY_MS = 86_400_000;
const iso = (time: string): string => new Date(time).toISOString();

/** The identity a stored reading is matched on against WearableWindow.upstreamIdentities. */
export const upstreamIdentityOf = (reading: Reading): string =>
  reading.metric === 'resting-heart-rate' || reading.metric === 'daily-oxygen-saturation'
    ? reading.localDate
    : iso(reading.measuredAt);

/** Whether the window, as upstream filtered it, covered the stored reading: only then is absence news. */
const coveredBy = (reading: Reading, window: SyncWindow): boolean => {
  if (reading.metric === 'resting-heart-rate' || reading.metric === 'daily-oxygen-saturation') {
    return (
      window.startDate !== undefined &&
      window.endDate !== undefined &&
      reading.localDate >= window.startDate &&
      reading.localDate < window.endDate
    );
  }
  // Sleep is filtered on its end time, weight on its sample time.
  const at = Date.parse(
    reading.metric === 'sleep' ? (reading.endAt ?? reading.measuredAt) : reading.measuredAt,
  );
  return at >= Date.parse(window.startTime) && at < Date.parse(window.endTime);
};

/**
 * After a complete fetch of a sparse type's window, deletes the stored readings the window covered that
 * upstream no longer has (a DELETE notification widens the window to the deleted interval, and a plain
 * re-read notices too). Dense day buckets need none of this: they are rebuilt whole. Only readings that
 * came from Google Health are touched. The delete's stream record resolves alerts that rested on the
 * reading alone. Returns how many were removed.
 */
export const removeDeletedReadings = async (input: {
  readings: ReadingStore;
  memberId: string;
  window: SyncWindow;
  /** What the provider still holds in the window (WearableWindow.upstreamIdentities). */
  upstream: ReadonlySet<string>;
}): Promise<number> => {
  const metric = SPARSE_METRIC_OF[input.window.dataType];
  if (metric === undefined) return 0;
  // A session stored by its start may have started up to a day before the window that covers its end.
  const from = new Date(Date.parse(input.window.startTime) - DAY_MS).toISOString();
  const stored = await input.readings.listRange({
    memberId: input.memberId,
    metric,
    from,
    to: input.window.endTime,
  });
  const gone = stored.filter(
    (reading) =>
      reading.memberId === input.memberId &&
      reading.metric === metric &&
      reading.provenance.source === 'google-health' &&
      coveredBy(reading, input.window) &&
      !input.upstream.has(upstreamIdentityOf(reading)),
  );
  let removed = 0;
  for (const reading of gone) if (await input.readings.delete(reading)) removed += 1;
  return removed;
};
