import { GOOGLE_HEALTH_DATA_TYPES } from './google-health/data-types.js';
import * as z from './zod-mini.js';

/** The sync-jobs queue message: which member to sync, why, and optionally which types and how far back. */
export const syncJobSchema = z.strictObject({
  memberId: z.string().check(z.minLength(1), z.maxLength(128)),
  reason: z.enum(['backfill', 'webhook', 'catch-up']),
  dataTypes: z.optional(z.array(z.enum(GOOGLE_HEALTH_DATA_TYPES)).check(z.minLength(1))),
  backfillDays: z.optional(z.int().check(z.minimum(1), z.maximum(90))),
  /** Earliest changed time per data type from webhook intervals (UTC ISO); widens the window for late data. */
  changedSince: z.optional(
    z.partialRecord(z.enum(GOOGLE_HEALTH_DATA_TYPES), z.iso.datetime({ offset: true })),
  ),
});

export type SyncJob = z.infer<typeof syncJobSchema>;
