import { ALERT_SCHEMA_VERSION, type Alert } from '../alert.js';
import * as z from '../zod-mini.js';

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
 * Built on its first parse (z.lazy): it is the largest schema here, and most invocations of the functions
 * that bundle it (a normal reading, a sync) read no stored alert, so their cold starts need not build it.
 */
const buildAlertMessageSchema = () => {
  const isoInstant = z.iso.datetime({ offset: true });

  const weeklySummarySchema = z.strictObject({
    from: z.iso.date().check(z.describe('First member-local date covered')),
    to: z.iso.date().check(z.describe('Last member-local date covered')),
    readingCounts: z.record(z.string(), z.int()).check(z.describe('Readings stored per metric')),
    homeAverage: z.strictObject({
      stage: z.enum(['insufficient', 'below-stage-1', 'stage-1', 'stage-2']),
      systolic: z.optional(z.number()),
      diastolic: z.optional(z.number()),
      daysWithReadings: z.int(),
    }),
    wearableDays: z.int().check(z.describe('Member-local days with any wearable data')),
    openAlerts: z.array(
      z.strictObject({ alertKey: z.string(), rule: z.string(), severity: z.string(), raisedAt: isoInstant }),
    ),
  });

  const readingRef = z.strictObject({
    metric: z.string(),
    measuredAt: isoInstant,
    values: z.record(z.string(), z.number()).check(z.describe('Only the values the rule looked at')),
    source: z.string(),
  });

  const severity = z.enum(['urgent', 'watch', 'staff-task', 'info']);
  const notificationKind = z
    .enum(['raised', 'escalated', 'reminder', 'resolved'])
    .check(
      z.describe(
        'raised: new episode; escalated: materially worse; reminder: still unacknowledged; resolved',
      ),
    );

  return z
    .strictObject({
      schemaVersion: z.literal(ALERT_SCHEMA_VERSION),
      alertKey: z
        .string()
        .check(
          z.minLength(1),
          z.maxLength(128),
          z.describe('(member, rule, episode): idempotency key; the start of every notification dedupe id'),
        ),
      memberId: z.string().check(z.minLength(1)),
      memberName: z.optional(z.string()),
      memberTimezone: z
        .optional(z.string())
        .check(z.describe('IANA zone that local dates and times are read in')),
      rule: z.enum(ALERT_RULES),
      severity,
      tier: z
        .int()
        .check(z.minimum(1), z.describe('Grade within the rule; a rise in an open episode escalates')),
      episode: z
        .string()
        .check(
          z.minLength(1),
          z.describe('What identifies the episode, e.g. when its first reading was taken'),
        ),
      raisedAt: isoInstant,
      status: z.enum(['open', 'resolved']),
      resolvedAt: z.optional(isoInstant),
      publishedAt: z.optional(isoInstant),
      readings: z.array(readingRef).check(z.describe('Every reading of the episode, oldest first')),
      thresholds: z
        .record(z.string(), z.number())
        .check(z.describe('The thresholds the rule used for this member')),
      explanation: z
        .string()
        .check(z.minLength(1), z.describe('Plain words: what happened and what to do. Never a diagnosis.')),
      guidance: z.strictObject({ name: z.string(), reference: z.url() }),
      qualityFlags: z
        .array(z.string())
        .check(z.describe('Plain phrases from the device about measurement quality')),
      summary: z
        .optional(weeklySummarySchema)
        .check(z.describe('Only on weekly-summary: the figures of the week')),
      notifications: z
        .array(
          z.strictObject({
            kind: notificationKind,
            at: isoInstant,
            dedupeId: z.string().check(z.minLength(1), z.maxLength(128)),
            severity,
            tier: z.int().check(z.minimum(1)),
            peak: z.optional(z.number()),
            publishedAt: z.optional(isoInstant),
          }),
        )
        .check(z.describe('Every message sent to the care team for this alert, oldest first')),
      notification: z
        .optional(
          z.strictObject({
            kind: notificationKind,
            at: isoInstant,
            dedupeId: z.string().check(z.minLength(1), z.maxLength(128)),
          }),
        )
        .check(z.describe('On a queue message: which notification this message is')),
      acknowledgement: z.optional(
        z.strictObject({
          by: z.string().check(z.minLength(1)),
          at: isoInstant,
          note: z.optional(z.string()),
        }),
      ),
      snooze: z
        .optional(
          z.strictObject({
            until: isoInstant,
            by: z.string().check(z.minLength(1)),
            at: isoInstant,
            reason: z.string().check(z.minLength(1)),
          }),
        )
        .check(z.describe('Reminders wait until `until`')),
      normalSince: z
        .optional(z.array(readingRef))
        .check(z.describe('Normal readings since the latest crossing one')),
      sendAfter: z.optional(isoInstant).check(z.describe('A baseline summary is first sent at this time')),
      baseline: z
        .optional(
          z.strictObject({
            source: z.string(),
            registeredAt: isoInstant,
            crossed: z.record(
              z.string(),
              z.strictObject({ count: z.int(), worst: readingRef, rank: z.number() }),
            ),
          }),
        )
        .check(
          z.describe('baseline-summary only: readings per rule they would have fired, and the worst of each'),
        ),
      revision: z
        .int()
        .check(z.minimum(0), z.describe('Incremented on every stored change (0: stored before 1.1)')),
    })
    .check(z.describe('pulse-relay care-team alert message'));
};

export const alertMessageSchema = z.lazy(buildAlertMessageSchema);

export type AlertMessage = z.infer<typeof alertMessageSchema>;

// Compile-time guard: the schema and the Alert contract describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const alertMessageMatchesAlert: Same<AlertMessage, Alert> = true;
