import type { Clock } from '../clock.js';
import type { ConsentTaskRaiser } from '../link/consent-task-raiser.js';
import { LinkNotActiveError } from '../link/refreshing-access-token-provider.js';
import type { RelinkAlertRaiser } from '../link/relink-alert-raiser.js';
import { LinkNeedsRelinkError } from '../ports/access-token-provider.js';
import type { LinkStore } from '../ports/link-store.js';
import type { PutReadingOutcome, ReadingStore } from '../ports/reading-store.js';
import type { WearableSource, WearableWindow } from '../ports/wearable-source.js';
import { HOUR_BUCKET_METRICS } from '../reading.js';
import type { SyncJob } from '../sync-job.js';
import type { WearableLink } from '../wearable-link.js';
import type { WearableReading } from '../wearable-reading.js';
import { DataTypeAccessDeniedError } from './data-type-access-denied.js';
import { GOOGLE_HEALTH_DATA_TYPES, type GoogleHealthDataType } from './data-types.js';
import { removeDeletedReadings } from './remove-deleted-readings.js';
import type { SyncJobQueue } from './sync-job-queue.js';
import { nextCursor, planSyncChunk } from './sync-window.js';
import { isWearEvidenceType, shouldAskWhetherWorn, wearCheckRange } from './wear-evidence.js';

export interface SyncMemberDependencies {
  links: LinkStore;
  readings: ReadingStore;
  source: WearableSource;
  clock: Clock;
  /**
   * Where continuation jobs go (the sync-jobs queue). Without one, the chunks of a long window are
   * synced one after another in this call, which keeps memory just as flat.
   */
  queue?: SyncJobQueue;
  /** Staff task for types refused at consent. */
  consentTasks?: ConsentTaskRaiser;
  /** Staff task when every type (or the account) is refused: the link needs making again. */
  relink?: RelinkAlertRaiser;
}

export type SyncMemberResult =
  | { status: 'skipped'; reason: 'no-link' | 'not-linked' }
  | { status: 'needs-relink'; refused: GoogleHealthDataType[] }
  | {
      status: 'synced';
      outcomes: Record<PutReadingOutcome, number>;
      /** Sparse readings deleted because upstream no longer has them. */
      removed: number;
      dataTypes: number;
      /** Types whose scope the member refused (403): skipped, not failed. */
      refused: GoogleHealthDataType[];
      /** Types with more to fetch, handed to a continuation job. */
      continued: GoogleHealthDataType[];
    };

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined || (b !== undefined && Date.parse(b) > Date.parse(a)) ? b : a;

/** Parallel puts per member: enough to finish a backfill chunk quickly, few enough not to throttle. */
const PUT_CONCURRENCY = 8;

const putAll = async (
  readings: ReadingStore,
  items: readonly WearableReading[],
  outcomes: Record<PutReadingOutcome, number>,
  fetchedAt: string,
): Promise<void> => {
  for (let index = 0; index < items.length; index += PUT_CONCURRENCY) {
    const results = await Promise.all(
      items.slice(index, index + PUT_CONCURRENCY).map((item) => readings.put(item, { fetchedAt })),
    );
    for (const outcome of results) outcomes[outcome] += 1;
  }
};

/**
 * The hour still in progress is not written: the next sync re-reads it (its window starts at least an
 * hour before it), so it is stored once, complete, instead of once per sync that saw part of it.
 */
const isUnfinishedHour = (reading: WearableReading, now: Date): boolean =>
  HOUR_BUCKET_METRICS.has(reading.metric) &&
  reading.endAt !== undefined &&
  Date.parse(reading.endAt) > now.getTime();

/** Errors about the whole link, not one type: stop at once and let the worker decide. */
const isLinkWide = (error: unknown): boolean =>
  error instanceof LinkNeedsRelinkError || error instanceof LinkNotActiveError;

/** After this job, which types are refused (a 403 now) and which are granted (synced now). */
const mergeConsent = (link: WearableLink, granted: Set<string>, refused: Set<string>) => {
  const refusedTypes = new Set([...(link.refusedTypes ?? []), ...refused]);
  for (const type of granted) refusedTypes.delete(type);
  const grantedTypes = new Set([...(link.grantedTypes ?? []), ...granted]);
  for (const type of refused) grantedTypes.delete(type);
  return { granted: [...grantedTypes].sort(), refused: [...refusedTypes].sort() };
};

/**
 * Syncs one member's Google Health data into the time series, one bounded chunk per type.
 *
 * 1. Load the link; skip unless its state is 'linked' (needs-relink and unlinked members are not fetched).
 * 2. For each requested type (all by default), independently: plan a bounded chunk from its cursor
 *    (planSyncChunk: at most about a member-local day of a dense type), fetch every page, normalise and
 *    put the readings (compare-before-write, guarded by this job's fetch time; the unfinished hour waits).
 *    Sparse readings the window covered that upstream no longer has are deleted (remove-deleted-readings.ts).
 *    - A 403 means the member refused that type's scope: record it, sync the others.
 *    - Another failure (429/5xx exhausted, a bad page) is remembered; the other types still sync.
 * 3. In the last chunk (and the first of a fresh backfill), ask whether the tracker was worn since
 *    lastDataAt (google-wearables family, see wear-evidence.ts): reconciled points carry no provenance.
 * 4. Record cursors (never backwards), lastDataAt (device-worn data only) and the granted/refused
 *    types on the link in one update: the checkpoint.
 * 5. Newly refused types raise one staff task per scope; every type refused, or the account-wide 403,
 *    marks the link needs-relink and raises that staff task instead.
 * 6. Types with more to fetch continue in a new job (or here, when no queue is wired).
 * 7. If any type failed, throw the first failure after the checkpoint, so the job is retried and
 *    redoes only what is not yet stored.
 */
export const syncMember = async (job: SyncJob, deps: SyncMemberDependencies): Promise<SyncMemberResult> => {
  // Without a queue the chunks run one after another here, in a loop: each chunk's data is garbage by
  // the time the next is fetched (a recursive call would keep every suspended frame's batch alive).
  let { result, next } = await syncChunk(job, deps);
  while (next !== undefined && result.status === 'synced') {
    const more = await syncChunk(next, deps);
    if (more.result.status !== 'synced') return more.result;
    for (const outcome of Object.keys(result.outcomes) as PutReadingOutcome[])
      result.outcomes[outcome] += more.result.outcomes[outcome];
    result.removed += more.result.removed;
    result.continued = more.result.continued;
    next = more.next;
  }
  return result;
};

const syncChunk = async (
  job: SyncJob,
  deps: SyncMemberDependencies,
): Promise<{ result: SyncMemberResult; next?: SyncJob }> => {
  const link = await deps.links.get(job.memberId);
  if (link === undefined) return { result: { status: 'skipped', reason: 'no-link' } };
  if (link.state !== 'linked') return { result: { status: 'skipped', reason: 'not-linked' } };

  const now = deps.clock.now();
  const fetchedAt = now.toISOString();
  const outcomes: Record<PutReadingOutcome, number> = { stored: 0, duplicate: 0, replaced: 0, stale: 0 };
  const cursors: Record<string, string> = {};
  let removed = 0;
  const granted = new Set<GoogleHealthDataType>();
  const refused = new Set<GoogleHealthDataType>();
  const failures: unknown[] = [];
  const continuation: SyncJob = { memberId: job.memberId, reason: job.reason };
  const continued: GoogleHealthDataType[] = [];
  let accountWideDenial = false;
  let lastDataAt = link.lastDataAt;
  const dataTypes = job.dataTypes ?? GOOGLE_HEALTH_DATA_TYPES;
  /** Newest heart-rate or steps time from every source; null until one of them is read. */
  let newestEvidenceSeen: string | undefined | null = null;

  for (const dataType of dataTypes) {
    const chunk = planSyncChunk({
      dataType,
      cursor: link.cursors[dataType],
      changedSince: job.changedSince?.[dataType],
      timeZone: link.timezone,
      now,
      backfillDays: job.backfillDays,
    });
    let fetched: WearableWindow;
    try {
      fetched = await deps.source.fetchWindow(job.memberId, chunk.window, link.timezone);
    } catch (error) {
      if (isLinkWide(error)) throw error;
      if (error instanceof DataTypeAccessDeniedError) {
        refused.add(dataType);
        accountWideDenial ||= error.accountWide;
        continue;
      }
      failures.push(error);
      continue;
    }
    granted.add(dataType);
    const readings = fetched.readings.filter((reading) => !isUnfinishedHour(reading, now));
    await putAll(deps.readings, readings, outcomes, fetchedAt);
    removed += await removeDeletedReadings({
      readings: deps.readings,
      memberId: job.memberId,
      window: chunk.window,
      upstream: fetched.upstreamIdentities,
    });
    const newest = fetched.newestDataAt;
    if (chunk.continuation === undefined) {
      cursors[dataType] = nextCursor({ previous: link.cursors[dataType], newestData: newest, now });
      // Only a window that reached now says "nothing newer from any source" (see shouldAskWhetherWorn).
      if (isWearEvidenceType(dataType)) newestEvidenceSeen = later(newestEvidenceSeen ?? undefined, newest);
    } else {
      // A chunk that stops short of now moves the cursor to its end (or not at all when re-reading old
      // data behind it); the week-stale floor of nextCursor would skip the rest of a backfill.
      if (chunk.continuation.cursor !== undefined) cursors[dataType] = chunk.continuation.cursor;
      if (chunk.continuation.changedSince !== undefined) {
        continuation.changedSince = {
          ...continuation.changedSince,
          [dataType]: chunk.continuation.changedSince,
        };
      }
      continued.push(dataType);
    }
  }

  // Reconciled points carry no provenance, so "was the tracker worn" is asked separately, of the
  // google-wearables family only: a weight typed into the app must never hide a silent device. A chunked
  // backfill asks in its first chunk (no worn time known yet; the question covers up to now) and its last,
  // not once per chunk.
  if (
    !accountWideDenial &&
    (continued.length === 0 || lastDataAt === undefined) &&
    shouldAskWhetherWorn({ job, lastDataAt, now, newestEvidenceSeen })
  ) {
    try {
      const newestWorn = await deps.source.newestWornTime(
        job.memberId,
        wearCheckRange({ lastDataAt, now, timeZone: link.timezone, backfillDays: job.backfillDays }),
      );
      if (
        newestWorn !== undefined &&
        (lastDataAt === undefined || Date.parse(newestWorn) > Date.parse(lastDataAt))
      )
        lastDataAt = newestWorn;
    } catch (error) {
      if (isLinkWide(error)) throw error;
      if (error instanceof DataTypeAccessDeniedError && error.accountWide) accountWideDenial = true;
      else failures.push(error);
    }
  }

  const consent = mergeConsent(link, granted, refused);
  await deps.links.recordSync(job.memberId, {
    cursors,
    lastSyncAt: fetchedAt,
    ...(lastDataAt === undefined ? {} : { lastDataAt }),
    consent,
  });

  const everyTypeRefused = GOOGLE_HEALTH_DATA_TYPES.every((type) => consent.refused.includes(type));
  if (accountWideDenial || everyTypeRefused) {
    await deps.links.setState(job.memberId, 'needs-relink');
    await deps.relink?.raiseNeedsRelink(job.memberId, now);
    return { result: { status: 'needs-relink', refused: [...refused] } };
  }
  const newlyRefused = [...refused].filter((type) => !(link.refusedTypes ?? []).includes(type));
  if (newlyRefused.length > 0) {
    await deps.consentTasks?.raiseScopeRefused({
      memberId: job.memberId,
      timezone: link.timezone,
      linkedAt: link.linkedAt,
      refusedTypes: newlyRefused,
      at: now,
    });
  }

  const result: SyncMemberResult = {
    status: 'synced',
    outcomes,
    removed,
    dataTypes: dataTypes.length,
    refused: [...refused],
    continued,
  };
  if (failures.length > 0) throw failures[0];
  if (continued.length === 0) return { result };
  const next: SyncJob = {
    ...continuation,
    dataTypes: continued,
    ...(job.backfillDays === undefined ? {} : { backfillDays: job.backfillDays }),
  };
  if (deps.queue === undefined) return { result, next };
  await deps.queue.send([next]);
  return { result };
};
