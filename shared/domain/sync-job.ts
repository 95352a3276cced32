import * as z from 'zod';
import { GOOGLE_HEALTH_DATA_TYPES } from './google-health/data-types.js';

/** The sync-jobs queue message: which member to sync, why, and optionally which types and how far back. */
export const syncJobSchema = z.strictObject({
  memberId: z.string().min(1).max(128),
  reason: z.enum(['backfill', 'webhook', 'catch-up']),
  dataTypes: z.array(z.enum(GOOGLE_HEALTH_DATA_TYPES)).min(1).optional(),
  backfillDays: z.number().int().min(1).max(90).optional(),
  /** Earliest changed time per data type from webhook intervals (UTC ISO); widens the window for late data. */
  changedSince: z
    .partialRecord(z.enum(GOOGLE_HEALTH_DATA_TYPES), z.iso.datetime({ offset: true }))
    .optional(),
});

export type SyncJob = z.infer<typeof syncJobSchema>;
