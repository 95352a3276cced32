import * as z from 'zod';

/** What a message on the care-team queue announces (alert message schema 1.1; 1.0 messages imply it). */
export const NOTIFICATION_KINDS = ['raised', 'escalated', 'reminder', 'resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The part of the alert message (docs/alert-message.md) that delivery reads. Loose on purpose: schema 1.0
 * and 1.1 both parse, and unknown fields are ignored as the versioning rules require.
 */
export const careTeamMessageSchema = z.looseObject({
  schemaVersion: z.string().regex(/^1\.\d+$/, 'must be a 1.x alert message'),
  alertKey: z.string().min(1).max(128),
  memberId: z.string().min(1),
  memberName: z.string().optional(),
  rule: z.string().min(1),
  severity: z.enum(['urgent', 'watch', 'staff-task']),
  status: z.enum(['open', 'resolved']),
  raisedAt: z.string(),
  explanation: z.string(),
  readings: z.array(
    z.looseObject({ metric: z.string(), measuredAt: z.string(), values: z.record(z.string(), z.number()) }),
  ),
  qualityFlags: z.array(z.string()).default([]),
  guidance: z.looseObject({ name: z.string(), reference: z.string() }).optional(),
  /** Schema 1.1: which notification of the alert this message is. */
  notification: z
    .looseObject({
      kind: z.enum(NOTIFICATION_KINDS),
      at: z.string().optional(),
      dedupeId: z.string().optional(),
    })
    .optional(),
});

export type CareTeamMessage = z.infer<typeof careTeamMessageSchema>;

export interface NotificationIdentity {
  kind: NotificationKind;
  /**
   * Distinguishes this notification from the alert's others: the queue's dedupe id (1.1 messages carry
   * it), else what 1.0 used: the alert key, or `<alertKey>#resolved` for a resolved notice.
   */
  notificationId: string;
}

/** Reads the notification kind if the message names it; a 1.0 message is `raised`, or `resolved` once resolved. */
export const identifyNotification = (message: CareTeamMessage): NotificationIdentity => {
  const kind = message.notification?.kind ?? (message.status === 'resolved' ? 'resolved' : 'raised');
  const notificationId =
    message.notification?.dedupeId ??
    (message.notification?.at !== undefined
      ? `${message.alertKey}#${kind}#${message.notification.at}`
      : kind === 'resolved'
        ? `${message.alertKey}#resolved`
        : message.alertKey);
  return { kind, notificationId };
};
