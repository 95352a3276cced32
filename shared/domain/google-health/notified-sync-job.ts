import { type SyncJob, syncJobSchema } from '../sync-job.js';
import * as z from '../zod-mini.js';
import { GOOGLE_HEALTH_DATA_TYPES } from './data-types.js';

/**
 * A sync job straight from a webhook delivery, keyed by the Google account rather than the member. The
 * webhook answers Google at once and does no per-member lookups (which could queue behind a slow table);
 * the sync worker resolves the member, records the notification and syncs.
 */
export const notifiedSyncJobSchema = z.strictObject({
  reason: z.literal('webhook'),
  healthUserId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,63}$/)),
  dataTypes: z.array(z.enum(GOOGLE_HEALTH_DATA_TYPES)).check(z.minLength(1)),
  /** Earliest changed time per data type (UTC ISO); widens the window for late data and deletions. */
  changedSince: z.optional(
    z.partialRecord(z.enum(GOOGLE_HEALTH_DATA_TYPES), z.iso.datetime({ offset: true })),
  ),
});

export type NotifiedSyncJob = z.infer<typeof notifiedSyncJobSchema>;

/** Anything on the sync-jobs queue: a member's job, or a notified account's. */
export const queuedSyncJobSchema = z.union([syncJobSchema, notifiedSyncJobSchema]);

export type QueuedSyncJob = SyncJob | NotifiedSyncJob;

export const isNotifiedSyncJob = (job: QueuedSyncJob): job is NotifiedSyncJob => 'healthUserId' in job;
