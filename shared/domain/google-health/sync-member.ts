import type { Clock } from '../clock.js';
import type { LinkStore } from '../ports/link-store.js';
import type { PutReadingOutcome, ReadingStore } from '../ports/reading-store.js';
import type { SyncJob } from '../sync-job.js';
import type { WearableReading } from '../wearable-reading.js';
import { GOOGLE_HEALTH_DATA_TYPES } from './data-types.js';
import type { HealthDataSource } from './health-data-source.js';
import { newestDataTime } from './newest-data-time.js';
import { normaliseDataPoints } from './normalise-data-points.js';
import { removeDeletedReadings } from './remove-deleted-readings.js';
import { nextCursor, planSyncWindow } from './sync-window.js';
import { isWearEvidenceType, shouldAskWhetherWorn, wearCheckRange } from './wear-evidence.js';

export interface SyncMemberDependencies {
  links: LinkStore;
  readings: ReadingStore;
  source: HealthDataSource;
  clock: Clock;
}

export type SyncMemberResult =
  | { status: 'skipped'; reason: 'no-link' | 'not-linked' }
  | {
      status: 'synced';
      outcomes: Record<PutReadingOutcome, number>;
      /** Sparse readings deleted because upstream no longer has them. */
      removed: number;
      dataTypes: number;
    };

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined || (b !== undefined && Date.parse(b) > Date.parse(a)) ? b : a;

/** Parallel puts per member: enough to finish a 30-day backfill quickly, few enough not to throttle. */
const PUT_CONCURRENCY = 8;

const putAll = async (
  readings: ReadingStore,
  items: readonly WearableReading[],
  outcomes: Record<PutReadingOutcome, number>,
): Promise<void> => {
  for (let index = 0; index < items.length; index += PUT_CONCURRENCY) {
    const results = await Promise.all(
      items.slice(index, index + PUT_CONCURRENCY).map((item) => readings.put(item)),
    );
    for (const outcome of results) outcomes[outcome] += 1;
  }
};

/**
 * Syncs one member's Google Health data into the time series.
 *
 * 1. Load the link; skip unless its state is 'linked' (needs-relink and unlinked members are not fetched).
 * 2. For each requested type (all by default) plan a window from its cursor less an overlap, or the
 *    backfill; dense types start at member-local midnight so their day buckets are rebuilt whole.
 * 3. Fetch every page of the window (the source handles rate limits, retries and token refresh).
 * 4. Normalise to readings and put each one: sparse readings are put-if-absent on their natural key and
 *    day buckets replace the stored day, so a redelivered job stores nothing twice. Sparse readings the
 *    window covered that upstream no longer has are deleted (see remove-deleted-readings.ts).
 * 5. Ask once whether the tracker was worn since lastDataAt (google-wearables family, see wear-evidence.ts).
 * 6. Only when every type succeeded, advance the cursors (never backwards) and lastDataAt through
 *    LinkStore.recordSync. A failure part-way throws, and the whole job is safely redone on redelivery.
 */
export const syncMember = async (job: SyncJob, deps: SyncMemberDependencies): Promise<SyncMemberResult> => {
  const link = await deps.links.get(job.memberId);
  if (link === undefined) return { status: 'skipped', reason: 'no-link' };
  if (link.state !== 'linked') return { status: 'skipped', reason: 'not-linked' };

  const now = deps.clock.now();
  const context = { memberId: job.memberId, timeZone: link.timezone };
  const outcomes: Record<PutReadingOutcome, number> = { stored: 0, duplicate: 0, replaced: 0 };
  const cursors: Record<string, string> = {};
  let removed = 0;
  let lastDataAt = link.lastDataAt;
  const dataTypes = job.dataTypes ?? GOOGLE_HEALTH_DATA_TYPES;
  /** Newest heart-rate or steps time from every source; null until one of them is read. */
  let newestEvidenceSeen: string | undefined | null = null;

  for (const dataType of dataTypes) {
    const window = planSyncWindow({
      dataType,
      cursor: link.cursors[dataType],
      changedSince: job.changedSince?.[dataType],
      timeZone: link.timezone,
      now,
      backfillDays: job.backfillDays,
    });
    const batch = await deps.source.fetchWindow(job.memberId, window);
    await putAll(deps.readings, normaliseDataPoints(batch, context), outcomes);
    removed += await removeDeletedReadings({
      readings: deps.readings,
      memberId: job.memberId,
      window,
      batch,
    });
    const newest = newestDataTime(batch, link.timezone);
    cursors[dataType] = nextCursor({ previous: link.cursors[dataType], newestData: newest, now });
    if (isWearEvidenceType(dataType)) newestEvidenceSeen = later(newestEvidenceSeen ?? undefined, newest);
  }

  // Reconciled points carry no provenance, so "was the tracker worn" is asked separately, of the
  // google-wearables family only: a weight typed into the app must never hide a silent device.
  if (shouldAskWhetherWorn({ job, lastDataAt, now, newestEvidenceSeen })) {
    const newestWorn = await deps.source.newestWornTime(
      job.memberId,
      wearCheckRange({ lastDataAt, now, timeZone: link.timezone, backfillDays: job.backfillDays }),
    );
    if (
      newestWorn !== undefined &&
      (lastDataAt === undefined || Date.parse(newestWorn) > Date.parse(lastDataAt))
    )
      lastDataAt = newestWorn;
  }

  await deps.links.recordSync(job.memberId, {
    cursors,
    lastSyncAt: now.toISOString(),
    ...(lastDataAt === undefined ? {} : { lastDataAt }),
  });
  return { status: 'synced', outcomes, removed, dataTypes: dataTypes.length };
};
