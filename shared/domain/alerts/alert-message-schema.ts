import * as z from 'zod';
import { ALERT_SCHEMA_VERSION, type Alert } from '../alert.js';

const isoInstant = z.iso.datetime({ offset: true });

const weeklySummarySchema = z.strictObject({
  from: z.iso.date().describe('First member-local date covered'),
  to: z.iso.date().describe('Last member-local date covered'),
  readingCounts: z.record(z.string(), z.number().int()).describe('Readings stored per metric'),
  homeAverage: z.strictObject({
    stage: z.enum(['insufficient', 'below-stage-1', 'stage-1', 'stage-2']),
    systolic: z.number().optional(),
    diastolic: z.number().optional(),
    daysWithReadings: z.number().int(),
  }),
  wearableDays: z.number().int().describe('Member-local days with any wearable data'),
  openAlerts: z.array(
    z.strictObject({ alertKey: z.string(), rule: z.string(), severity: z.string(), raisedAt: isoInstant }),
  ),
});

/**
 * The care-team alert message on alerts.fifo (and the stored alert record). Versioned by schemaVersion;
 * docs/alert-message.md holds the JSON Schema generated from this, and a test keeps the two equal.
 */
export const alertMessageSchema = z
  .strictObject({
    schemaVersion: z.literal(ALERT_SCHEMA_VERSION),
    alertKey: z
      .string()
      .min(1)
      .max(128)
      .describe('(member, rule, episode): idempotency key and FIFO dedupe id'),
    memberId: z.string().min(1),
    memberName: z.string().optional(),
    memberTimezone: z.string().optional().describe('IANA zone that local dates and times are read in'),
    rule: z.enum([
      'bp-severe',
      'bp-low',
      'resting-hr-out-of-band',
      'spo2-urgent',
      'spo2-watch',
      'wearable-no-data',
      'link-needs-relink',
      'reading-refused',
      'bp-average-stage2',
      'thresholds-review-due',
      'weekly-summary',
      'link-scope-refused',
    ]),
    severity: z.enum(['urgent', 'watch', 'staff-task', 'info']),
    episode: z.string().min(1).describe('What identifies the episode, e.g. the member-local date'),
    raisedAt: isoInstant,
    status: z.enum(['open', 'resolved']),
    resolvedAt: isoInstant.optional(),
    publishedAt: isoInstant.optional(),
    readings: z
      .array(
        z.strictObject({
          metric: z.string(),
          measuredAt: isoInstant,
          values: z.record(z.string(), z.number()).describe('Only the values the rule looked at'),
          source: z.string(),
        }),
      )
      .describe('The readings that made the rule fire'),
    thresholds: z.record(z.string(), z.number()).describe('The thresholds the rule used for this member'),
    explanation: z.string().min(1).describe('Plain words: what happened and what to do. Never a diagnosis.'),
    guidance: z.strictObject({ name: z.string(), reference: z.string() }),
    qualityFlags: z.array(z.string()).describe('Plain phrases from the device about measurement quality'),
    summary: weeklySummarySchema.optional().describe('Only on weekly-summary: the figures of the week'),
  })
  .describe('pulse-relay care-team alert message');

export type AlertMessage = z.infer<typeof alertMessageSchema>;

// Compile-time guard: the schema and the Alert contract describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const alertMessageMatchesAlert: Same<AlertMessage, Alert> = true;

/** The JSON Schema (draft 2020-12) published in docs/alert-message.md. */
export const alertMessageJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(alertMessageSchema, {
    target: 'draft-2020-12',
    // 'format: date-time' says it; zod's long equivalent regex only makes the published schema unreadable.
    override: (context) => {
      if (context.jsonSchema.format === 'date-time') {
        delete context.jsonSchema.pattern;
      }
    },
  }) as Record<string, unknown>;
