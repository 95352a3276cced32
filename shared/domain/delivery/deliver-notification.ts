import type { NotificationKind } from '../alert.js';
import type { Clock } from '../clock.js';
import type { DeliveryLedger } from '../ports/delivery-ledger.js';
import type { MailSender } from '../ports/mail-sender.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { TeamChannelStore } from '../ports/team-channel-store.js';
import type { WebhookSecretStore } from '../ports/webhook-secret-store.js';
import type { WebhookSender } from '../ports/webhook-sender.js';
import { buildAlertEmail } from './alert-email.js';
import { buildAlertWebhookEvent, webhookIdFor } from './alert-webhook-event.js';
import { type CareTeamMessage, identifyNotification } from './care-team-message.js';
import { classifyDeliveryFailure } from './delivery-failure.js';
import { receivesFullContent } from './team-channels.js';

export interface DeliveryDependencies {
  directory: Pick<MemberDirectory, 'getMember'>;
  channels: Pick<TeamChannelStore, 'get'>;
  ledger: DeliveryLedger;
  mail: MailSender;
  webhooks: WebhookSender;
  webhookSecrets: Pick<WebhookSecretStore, 'get'>;
  clock: Clock;
  publicBaseUrl: string;
  /** Email domains trusted with full alert content, e.g. ['nhs.net']. */
  secureEmailDomains: readonly string[];
}

export interface DeliveryAttempt {
  /** The queue will not offer this message again (its receive count reached the redrive limit). */
  final: boolean;
}

export interface TargetFailure {
  target: string;
  errorName: string;
}

export interface DeliveryOutcome {
  kind: NotificationKind;
  notificationId: string;
  severity: CareTeamMessage['severity'];
  teamId?: string;
  delivered: string[];
  alreadyDelivered: string[];
  /** Refused for good by the receiver (now or on an earlier attempt): not retried. */
  refused: TargetFailure[];
  /** Failed this time; the message is retried. */
  failed: TargetFailure[];
  /** Set when an urgent alert reached no one and nothing more will be tried: the operational alarm. */
  urgentUndelivered?: 'member has no care team' | 'team has no delivery channels' | 'every channel failed';
}

/** Some targets failed and may succeed later; thrown after the others were settled, so a retry sends only those. */
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

/** Reminders, raises and escalations call someone to act; a resolved notice of an urgent alert does not. */
const needsSomeone = (message: CareTeamMessage, kind: NotificationKind) =>
  message.severity === 'urgent' && kind !== 'resolved';

const targetsFor = (
  message: CareTeamMessage,
  kind: NotificationKind,
  notificationId: string,
  channels: Awaited<ReturnType<TeamChannelStore['get']>>,
  deps: DeliveryDependencies,
): Target[] => {
  const targets: Target[] = [];
  for (const address of channels?.email?.addresses ?? []) {
    const fullContent =
      channels !== undefined && receivesFullContent(channels, address, deps.secureEmailDomains);
    targets.push({
      name: `email:${address}`,
      send: () =>
        deps.mail.send(
          buildAlertEmail({ message, kind, to: address, fullContent, publicBaseUrl: deps.publicBaseUrl }),
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
  return targets;
};

/**
 * Delivers one care-team notification (raised, escalated, reminder or resolved) to its member's team.
 * 1. Identify the notification by its dedupe id; find the member's team and the team's channels.
 * 2. For each target (every email address, the webhook) not yet settled in the ledger: send, then record.
 *    Send-then-record: a crash in between sends twice rather than never. A refusal is recorded too.
 * 3. An urgent alert that reached no target, when nothing more will be tried (no channels, all refused,
 *    or the last attempt), sets `urgentUndelivered`: the caller raises the operational alarm.
 * 4. If a target failed in a way a retry may fix, throw DeliveryFailedError: the queue retries the
 *    message (only the missing targets are sent again) and, in the end, dead-letters it.
 */
export const deliverNotification = async (
  message: CareTeamMessage,
  deps: DeliveryDependencies,
  attempt: DeliveryAttempt = { final: false },
): Promise<DeliveryOutcome> => {
  const { kind, notificationId } = identifyNotification(message);
  const member = await deps.directory.getMember(message.memberId);
  const teamId = member?.teamId;
  const channels = teamId === undefined ? undefined : await deps.channels.get(teamId);
  const outcome: DeliveryOutcome = {
    kind,
    notificationId,
    severity: message.severity,
    ...(teamId === undefined ? {} : { teamId }),
    delivered: [],
    alreadyDelivered: [],
    refused: [],
    failed: [],
  };

  const targets = targetsFor(message, kind, notificationId, channels, deps);
  if (targets.length === 0) {
    if (needsSomeone(message, kind))
      outcome.urgentUndelivered =
        teamId === undefined ? 'member has no care team' : 'team has no delivery channels';
    return outcome;
  }

  for (const target of targets) {
    const settled = await deps.ledger.settled(message.memberId, notificationId, target.name);
    if (settled === 'delivered') {
      outcome.alreadyDelivered.push(target.name);
      continue;
    }
    if (settled === 'refused') {
      outcome.refused.push({ target: target.name, errorName: 'RefusedEarlier' });
      continue;
    }
    let result: 'delivered' | 'refused';
    try {
      await target.send();
      result = 'delivered';
    } catch (error) {
      const failure = { target: target.name, errorName: error instanceof Error ? error.name : 'unknown' };
      if (classifyDeliveryFailure(error) === 'retry') {
        outcome.failed.push(failure);
        continue;
      }
      outcome.refused.push(failure);
      result = 'refused';
    }
    await deps.ledger.record({
      memberId: message.memberId,
      notificationId,
      target: target.name,
      kind,
      outcome: result,
      at: deps.clock.now().toISOString(),
    });
    if (result === 'delivered') outcome.delivered.push(target.name);
  }

  const reachedSomeone = outcome.delivered.length + outcome.alreadyDelivered.length > 0;
  const nothingMoreToTry = outcome.failed.length === 0 || attempt.final;
  if (needsSomeone(message, kind) && !reachedSomeone && nothingMoreToTry)
    outcome.urgentUndelivered = 'every channel failed';
  if (outcome.failed.length > 0) throw new DeliveryFailedError(outcome);
  return outcome;
};
