import type { NotificationKind } from '../alert.js';
import * as z from '../zod-mini.js';

export const NOTIFICATION_KINDS = [
  'raised',
  'escalated',
  'reminder',
  'resolved',
] as const satisfies readonly NotificationKind[];

/**
 * The part of the alert message (docs/alert-message.md, schema 1.1) that delivery reads. Loose on purpose:
 * consumers must ignore unknown fields and treat an unknown rule by its severity. A message without
 * `notification` (stored under 1.0 and still in flight) is read as its `raised` or `resolved` notice.
 */
export const careTeamMessageSchema = z.looseObject({
  schemaVersion: z.string().check(z.regex(/^1\.\d+$/, 'must be a 1.x alert message')),
  alertKey: z.string().check(z.minLength(1), z.maxLength(128)),
  memberId: z.string().check(z.minLength(1)),
  memberName: z.optional(z.string()),
  rule: z.string().check(z.minLength(1)),
  severity: z.enum(['urgent', 'watch', 'staff-task', 'info']),
  status: z.enum(['open', 'resolved']),
  raisedAt: z.string(),
  explanation: z.string(),
  readings: z.array(
    z.looseObject({ metric: z.string(), measuredAt: z.string(), values: z.record(z.string(), z.number()) }),
  ),
  qualityFlags: z._default(z.array(z.string()), []),
  guidance: z.optional(z.looseObject({ name: z.string(), reference: z.string() })),
  notification: z.optional(
    z.looseObject({
      kind: z.enum(NOTIFICATION_KINDS),
      at: z.string(),
      dedupeId: z.string().check(z.minLength(1), z.maxLength(128)),
    }),
  ),
});

export type CareTeamMessage = z.infer<typeof careTeamMessageSchema>;

export interface NotificationIdentity {
  kind: NotificationKind;
  /**
   * Tells this notification from the alert's others: its dedupe id (`<alertKey>#<kind>-<position>`, the
   * queue's deduplication id). A 1.0 message had one send per alert: its alert key, or `#resolved`.
   */
  notificationId: string;
}

export const identifyNotification = (message: CareTeamMessage): NotificationIdentity => {
  if (message.notification !== undefined)
    return { kind: message.notification.kind, notificationId: message.notification.dedupeId };
  const kind = message.status === 'resolved' ? 'resolved' : 'raised';
  return { kind, notificationId: kind === 'resolved' ? `${message.alertKey}#resolved` : message.alertKey };
};
