import * as z from 'zod';
import type { ReadingFacts } from '../../shared/domain/alerts/reading-facts.js';

const base = {
  memberId: z.string().min(1),
  measuredAt: z.iso.datetime({ offset: true }),
  provenance: z.object({
    source: z.string().min(1),
    deviceId: z.string().optional(),
    recordingMethod: z.string().optional(),
  }),
};

const wearableTime = { endAt: z.iso.datetime({ offset: true }).optional() };

const measurementStatus = z.object({
  bodyMovement: z.boolean(),
  cuffTooLoose: z.boolean(),
  irregularPulse: z.boolean(),
  pulseRateRange: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  improperPosition: z.boolean(),
  raw: z.number().int(),
});

/**
 * The fields of a readings-table item (NewImage) that the alert rules read. Unknown keys (pk, sk,
 * storedAt, samples...) are stripped. Items without a known metric are not readings and are skipped
 * before this runs; a reading that fails this schema is a record failure, never silently dropped.
 */
export const readingItemSchema = z.discriminatedUnion('metric', [
  z.object({
    metric: z.literal('blood-pressure'),
    ...base,
    systolic: z.number(),
    diastolic: z.number(),
    status: measurementStatus.optional(),
  }),
  z.object({
    metric: z.literal('resting-heart-rate'),
    ...base,
    ...wearableTime,
    localDate: z.iso.date(),
    beatsPerMinute: z.number(),
  }),
  z.object({
    metric: z.literal('daily-oxygen-saturation'),
    ...base,
    ...wearableTime,
    localDate: z.iso.date(),
    averagePercentage: z.number(),
  }),
  z.object({
    metric: z.enum(['heart-rate', 'steps', 'sleep', 'weight', 'oxygen-saturation', 'heart-rate-variability']),
    ...base,
    ...wearableTime,
    samples: z.array(z.tuple([z.number(), z.number()])).optional(),
    hourly: z.array(z.object({ hourStart: z.iso.datetime({ offset: true }), count: z.number() })).optional(),
  }),
]) satisfies z.ZodType<ReadingFacts>;
