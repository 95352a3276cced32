import { createHash } from 'node:crypto';
import type { NotificationKind } from '../alert.js';
import type { CareTeamMessage } from './care-team-message.js';
import { memberConsoleUrl } from './console-links.js';

/**
 * The webhook payload (Standard Webhooks shape: type, timestamp, data). Like the minimal email it holds
 * no health values, no name and no rule (the alert key names the rule, so it is left out too): receivers
 * such as a Microsoft Teams workflow post it into a channel. `id` is the webhook-id header's value.
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
    id: webhookIdFor(input.notificationId),
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
