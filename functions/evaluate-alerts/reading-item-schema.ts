import type { ReadingFacts } from '../../shared/domain/alerts/reading-facts.js';
import * as z from '../../shared/domain/zod-mini.js';

const base = {
  memberId: z.string().check(z.minLength(1)),
  measuredAt: z.iso.datetime({ offset: true }),
  provenance: z.object({
    source: z.string().check(z.minLength(1)),
    deviceId: z.optional(z.string()),
    recordingMethod: z.optional(z.string()),
  }),
};

const wearableTime = { endAt: z.optional(z.iso.datetime({ offset: true })) };

const measurementStatus = z.object({
  bodyMovement: z.boolean(),
  cuffTooLoose: z.boolean(),
  irregularPulse: z.boolean(),
  pulseRateRange: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  improperPosition: z.boolean(),
  raw: z.int(),
});

/**
 * The fields of a readings-table item (NewImage) that the alert rules read. Unknown keys (pk, sk,
 * storedAt, encodedSamples...) are stripped. Items without a known metric are not readings and are skipped
 * before this runs; a reading that fails this schema is a record failure, never silently dropped.
 */
export const readingItemSchema = z.discriminatedUnion('metric', [
  z.object({
    metric: z.literal('blood-pressure'),
    ...base,
    systolic: z.number(),
    diastolic: z.number(),
    status: z.optional(measurementStatus),
    qualityFlags: z.optional(
      z.array(z.enum(['clock-suspect', 'pulse-dropped', 'mean-arterial-pressure-dropped'])),
    ),
    clock: z.optional(
      z.object({
        deviceTime: z.string(),
        timeSource: z.enum(['gateway-offset', 'received']),
        offsetMinutes: z.optional(z.number()),
      }),
    ),
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
    samples: z.optional(z.array(z.tuple([z.number(), z.number()]))),
    newestSampleAt: z.optional(z.iso.datetime({ offset: true })),
    hourly: z.optional(z.array(z.object({ hourStart: z.iso.datetime({ offset: true }), count: z.number() }))),
  }),
]) satisfies z.ZodMiniType<ReadingFacts>;
