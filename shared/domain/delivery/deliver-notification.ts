import type { Clock } from '../clock.js';
import type { DeliveryAlarm } from '../ports/delivery-alarm.js';
import type { DeliveryLedger } from '../ports/delivery-ledger.js';
import type { MailSender } from '../ports/mail-sender.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { TeamChannelStore } from '../ports/team-channel-store.js';
import type { WebhookSecretStore } from '../ports/webhook-secret-store.js';
import type { WebhookSender } from '../ports/webhook-sender.js';
import { buildAlertEmail } from './alert-email.js';
import { buildAlertWebhookEvent, webhookIdFor } from './alert-webhook-event.js';
import { type CareTeamMessage, identifyNotification, type NotificationKind } from './care-team-message.js';
import { receivesFullContent } from './team-channels.js';

export interface DeliveryDependencies {
  directory: Pick<MemberDirectory, 'getMember'>;
  channels: TeamChannelStore;
  ledger: DeliveryLedger;
  mail: MailSender;
  webhooks: WebhookSender;
  webhookSecrets: WebhookSecretStore;
  alarm: DeliveryAlarm;
  clock: Clock;
  publicBaseUrl: string;
  /** Email domains trusted with full alert content, e.g. ['nhs.net']. */
  secureEmailDomains: readonly string[];
}

export interface DeliveryOutcome {
  kind: NotificationKind;
  notificationId: string;
  teamId?: string;
  delivered: string[];
  alreadyDelivered: string[];
  failed: { target: string; errorName: string }[];
}

/** Some targets failed; thrown after the others were delivered, so the queue retries only what is missing. */
export class DeliveryFailedError extends Error {
  constructor(readonly outcome: DeliveryOutcome) {
    super(
      `Notification ${outcome.notificationId} was not delivered to ${outcome.failed.map((f) => f.target).join(', ')}`,
    );
    this.name = 'DeliveryFailedError';
  }
}

interface Target {
  name: string;
  send: () => Promise<void>;
}

/**
 * Delivers one care-team notification (raised, escalated, reminder or resolved) to its member's team.
 * 1. Identify the notification; find the member's team and the team's channels.
 * 2. For each target (every email address, the webhook) not yet in the ledger: send, then record it.
 *    Send-then-record: a crash in between sends twice rather than never.
 * 3. If an urgent alert reached no target at all (failures, or no channels), raise the operational alarm.
 * 4. If any target failed, throw DeliveryFailedError so the message is retried and, in the end, dead-lettered.
 */
export const deliverNotification = async (
  message: CareTeamMessage,
  deps: DeliveryDependencies,
): Promise<DeliveryOutcome> => {
  const { kind, notificationId } = identifyNotification(message);
  const member = await deps.directory.getMember(message.memberId);
  const teamId = member?.teamId;
  const channels = teamId === undefined ? undefined : await deps.channels.get(teamId);
  const outcome: DeliveryOutcome = {
    kind,
    notificationId,
    ...(teamId === undefined ? {} : { teamId }),
    delivered: [],
    alreadyDelivered: [],
    failed: [],
  };

  const targets: Target[] = [];
  for (const address of channels?.email?.addresses ?? []) {
    targets.push({
      name: `email:${address}`,
      send: () =>
        deps.mail.send(
          buildAlertEmail({
            message,
            kind,
            to: address,
            fullContent:
              channels !== undefined && receivesFullContent(channels, address, deps.secureEmailDomains),
            publicBaseUrl: deps.publicBaseUrl,
          }),
        ),
    });
  }
  const webhook = channels?.webhook;
  if (webhook !== undefined) {
    targets.push({
      name: 'webhook',
      send: async () =>
        deps.webhooks.send({
          url: webhook.url,
          secret: await deps.webhookSecrets.get(webhook.secretRef),
          webhookId: webhookIdFor(notificationId),
          body: JSON.stringify(
            buildAlertWebhookEvent({
              message,
              kind,
              notificationId,
              publicBaseUrl: deps.publicBaseUrl,
              now: deps.clock.now(),
            }),
          ),
        }),
    });
  }

  if (targets.length === 0) {
    if (message.severity === 'urgent') {
      deps.alarm.urgentAlertUndelivered({
        memberId: message.memberId,
        notificationId,
        reason: teamId === undefined ? 'member has no care team' : 'team has no delivery channels',
      });
    }
    return outcome;
  }

  for (const target of targets) {
    if (await deps.ledger.wasDelivered(message.memberId, notificationId, target.name)) {
      outcome.alreadyDelivered.push(target.name);
      continue;
    }
    try {
      await target.send();
    } catch (error) {
      outcome.failed.push({
        target: target.name,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      continue;
    }
    await deps.ledger.recordDelivered({
      memberId: message.memberId,
      notificationId,
      target: target.name,
      kind,
      deliveredAt: deps.clock.now().toISOString(),
    });
    outcome.delivered.push(target.name);
  }

  if (outcome.failed.length === 0) return outcome;
  if (message.severity === 'urgent' && outcome.delivered.length + outcome.alreadyDelivered.length === 0) {
    deps.alarm.urgentAlertUndelivered({
      memberId: message.memberId,
      notificationId,
      reason: 'delivery failed on every channel',
    });
  }
  throw new DeliveryFailedError(outcome);
};
