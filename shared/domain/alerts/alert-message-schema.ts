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

const readingRef = z.strictObject({
  metric: z.string(),
  measuredAt: isoInstant,
  values: z.record(z.string(), z.number()).describe('Only the values the rule looked at'),
  source: z.string(),
});

const severity = z.enum(['urgent', 'watch', 'staff-task', 'info']);
const notificationKind = z
  .enum(['raised', 'escalated', 'reminder', 'resolved'])
  .describe('raised: new episode; escalated: materially worse; reminder: still unacknowledged; resolved');

export const ALERT_RULES = [
  'bp-severe',
  'bp-low',
  'bp-no-readings',
  'resting-hr-out-of-band',
  'spo2-urgent',
  'spo2-watch',
  'wearable-no-data',
  'link-needs-relink',
  'baseline-summary',
  'reading-refused',
  'bp-average-stage2',
  'thresholds-review-due',
  'weekly-summary',
  'link-scope-refused',
] as const;

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
      .describe('(member, rule, episode): idempotency key; the start of every notification dedupe id'),
    memberId: z.string().min(1),
    memberName: z.string().optional(),
    memberTimezone: z.string().optional().describe('IANA zone that local dates and times are read in'),
    rule: z.enum(ALERT_RULES),
    severity,
    tier: z.number().int().min(1).describe('Grade within the rule; a rise in an open episode escalates'),
    episode: z.string().min(1).describe('What identifies the episode, e.g. when its first reading was taken'),
    raisedAt: isoInstant,
    status: z.enum(['open', 'resolved']),
    resolvedAt: isoInstant.optional(),
    publishedAt: isoInstant.optional(),
    readings: z.array(readingRef).describe('Every reading of the episode, oldest first'),
    thresholds: z.record(z.string(), z.number()).describe('The thresholds the rule used for this member'),
    explanation: z.string().min(1).describe('Plain words: what happened and what to do. Never a diagnosis.'),
    guidance: z.strictObject({ name: z.string(), reference: z.url() }),
    qualityFlags: z.array(z.string()).describe('Plain phrases from the device about measurement quality'),
    summary: weeklySummarySchema.optional().describe('Only on weekly-summary: the figures of the week'),
    notifications: z
      .array(
        z.strictObject({
          kind: notificationKind,
          at: isoInstant,
          dedupeId: z.string().min(1).max(128),
          severity,
          tier: z.number().int().min(1),
          peak: z.number().optional(),
          publishedAt: isoInstant.optional(),
        }),
      )
      .describe('Every message sent to the care team for this alert, oldest first'),
    notification: z
      .strictObject({ kind: notificationKind, at: isoInstant, dedupeId: z.string().min(1).max(128) })
      .optional()
      .describe('On a queue message: which notification this message is'),
    acknowledgement: z
      .strictObject({ by: z.string().min(1), at: isoInstant, note: z.string().optional() })
      .optional(),
    snooze: z
      .strictObject({ until: isoInstant, by: z.string().min(1), at: isoInstant, reason: z.string().min(1) })
      .optional()
      .describe('Reminders wait until `until`'),
    normalSince: z.array(readingRef).optional().describe('Normal readings since the latest crossing one'),
    sendAfter: isoInstant.optional().describe('A baseline summary is first sent at this time'),
    baseline: z
      .strictObject({
        source: z.string(),
        registeredAt: isoInstant,
        crossed: z.record(
          z.string(),
          z.strictObject({ count: z.number().int(), worst: readingRef, rank: z.number() }),
        ),
      })
      .optional()
      .describe('baseline-summary only: readings per rule they would have fired, and the worst of each'),
    revision: z.number().int().min(0).describe('Incremented on every stored change (0: stored before 1.1)'),
  })
  .describe('pulse-relay care-team alert message');

export type AlertMessage = z.infer<typeof alertMessageSchema>;

// Compile-time guard: the schema and the Alert contract describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const alertMessageMatchesAlert: Same<AlertMessage, Alert> = true;
