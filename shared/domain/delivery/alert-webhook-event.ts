import { createHash } from 'node:crypto';
import { memberConsoleUrl } from './alert-email.js';
import type { CareTeamMessage, NotificationKind } from './care-team-message.js';

/**
 * The webhook payload (Standard Webhooks shape: type, timestamp, data). Like the minimal email it holds
 * no health values: receivers such as a Microsoft Teams workflow post it into a channel.
 */
export const buildAlertWebhookEvent = (input: {
  message: CareTeamMessage;
  kind: NotificationKind;
  notificationId: string;
  publicBaseUrl: string;
  now: Date;
}) => ({
  type: `alert.${input.kind}`,
  timestamp: input.now.toISOString(),
  data: {
    notificationId: input.notificationId,
    memberId: input.message.memberId,
    severity: input.message.severity,
    status: input.message.status,
    raisedAt: input.message.raisedAt,
    consoleUrl: memberConsoleUrl(input.publicBaseUrl, input.message.memberId),
  },
});

/** `webhook-id`: the same for every retry of one notification, so receivers can drop repeats. */
export const webhookIdFor = (notificationId: string): string =>
  `msg_${createHash('sha256').update(notificationId).digest('hex').slice(0, 32)}`;
