import type { SyncJob } from '../sync-job.js';
import { addDays, localDateOf, localDayStart } from '../time/member-local-time.js';
import type { GoogleHealthDataType } from './data-types.js';
import { DEFAULT_BACKFILL_DAYS, filterTimestamp } from './sync-window.js';

/**
 * The data source family that holds only what Google and Fitbit trackers recorded: no manual entries
 * (a weight typed into the app), no phone or Health Connect data. Reconciliation also drops tracker
 * points recorded while it was not worn.
 */
export const GOOGLE_WEARABLES_FAMILY = 'users/me/dataSourceFamilies/google-wearables';

/**
 * Types asked, in order, whether the tracker was worn: heart rate first (a tracker records it only on a
 * wrist), steps when heart rate is refused at consent or empty. Sleep is not used: `dataSourceFamily`
 * is not a sleep filter on `list`, and a logged sleep is a manual entry.
 */
export const WEAR_EVIDENCE_TYPES = ['heart-rate', 'steps'] as const satisfies readonly GoogleHealthDataType[];

export const isWearEvidenceType = (dataType: GoogleHealthDataType): boolean =>
  (WEAR_EVIDENCE_TYPES as readonly string[]).includes(dataType);

/**
 * A worn time this recent is not asked again: the no-data rule counts days, so knowing the last worn
 * time to within a few hours costs nothing, and skipping the question keeps an active member's day
 * under the request budget (docs/google-health.md, "Was the tracker worn?").
 */
export const WEAR_RECHECK_AFTER_MS = 3 * 3_600_000;

/**
 * Whether to ask the worn-device question after a sync: not when the worn time is already recent, and
 * not when this sync read heart rate or steps from every source and found nothing newer than it (the
 * google-wearables family is a subset of every source, so it cannot hold anything newer either).
 */
export const shouldAskWhetherWorn = (input: {
  job: Pick<SyncJob, 'dataTypes'>;
  lastDataAt?: string;
  now: Date;
  /** Newest heart-rate or steps time from every source in this sync; null when neither was read. */
  newestEvidenceSeen: string | undefined | null;
}): boolean => {
  if (!jobMayShowWear(input.job)) return false;
  const known = input.lastDataAt === undefined ? undefined : Date.parse(input.lastDataAt);
  if (known !== undefined && input.now.getTime() - known < WEAR_RECHECK_AFTER_MS) return false;
  if (input.newestEvidenceSeen === null) return true;
  if (input.newestEvidenceSeen === undefined) return false;
  return known === undefined || Date.parse(input.newestEvidenceSeen) > known;
};

/** Types whose arrival may mean the tracker was worn; a job for weight or daily summaries alone cannot. */
const WEAR_SIGNALLING_TYPES: ReadonlySet<GoogleHealthDataType> = new Set([
  'heart-rate',
  'steps',
  'sleep',
  'oxygen-saturation',
  'heart-rate-variability',
]);

/** Whether a sync job should ask the worn-device question (one or two extra requests). */
export const jobMayShowWear = (job: Pick<SyncJob, 'dataTypes'>): boolean =>
  job.dataTypes === undefined || job.dataTypes.some((dataType) => WEAR_SIGNALLING_TYPES.has(dataType));

/**
 * Where to look for the newest worn time: from the last one already known (nothing older can move it),
 * or from the backfill start for a member never seen wearing it; up to now.
 */
export const wearCheckRange = (input: {
  lastDataAt?: string;
  now: Date;
  timeZone: string;
  backfillDays?: number;
}): { startTime: string; endTime: string } => {
  const backfillStart = localDayStart(
    addDays(localDateOf(input.now, input.timeZone), -(input.backfillDays ?? DEFAULT_BACKFILL_DAYS)),
    input.timeZone,
  );
  const from =
    input.lastDataAt === undefined
      ? backfillStart
      : new Date(Math.max(Date.parse(input.lastDataAt), backfillStart.getTime()));
  return { startTime: filterTimestamp(from), endTime: filterTimestamp(input.now) };
};
