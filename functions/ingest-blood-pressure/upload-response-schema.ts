import type { IngestResult } from '../../shared/domain/blood-pressure/ingest-readings.js';
import * as z from '../../shared/domain/zod-mini.js';

/** Response bodies of POST /v1/blood-pressure, as zod, so the OpenAPI document is generated, not typed twice. */
export const itemResultSchema = z.object({
  index: z.int().check(z.minimum(0), z.describe('Position of the item in readings[] or Bundle entry[].')),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  reason: z.optional(z.string()).check(z.describe('Why the item was refused; only for rejected items.')),
  measuredAt: z
    .optional(z.string())
    .check(
      z.describe(
        'The normalised UTC time of an accepted item (corrected, or the time of receipt, when clock-suspect).',
      ),
    ),
  qualityFlags: z
    .optional(z.array(z.enum(['clock-suspect', 'pulse-dropped', 'mean-arterial-pressure-dropped'])))
    .check(
      z.describe(
        'Stored with a caveat: clock-suspect (the monitor clock was wrong; measuredAt was corrected by clockCheck or ' +
          'is the time of receipt), pulse-dropped or mean-arterial-pressure-dropped (an implausible side value was ' +
          'dropped; the blood pressure was kept).',
      ),
    ),
});

export const uploadResultSchema = z.object({
  results: z.array(itemResultSchema),
  summary: z.object({ stored: z.int(), duplicate: z.int(), rejected: z.int() }),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.string())).check(z.describe('One line per problem, `path: message`.')),
  }),
});

export const allRejectedSchema = z.extend(uploadResultSchema, errorBodySchema.shape);

/** Fails to compile if the use case's result and the documented schema drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RESULT_SCHEMA_IN_STEP: Same<IngestResult, z.infer<typeof uploadResultSchema>> = true;
