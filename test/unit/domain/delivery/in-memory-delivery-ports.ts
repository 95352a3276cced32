import { DeliveryRefusedError } from '../../../../shared/domain/delivery/delivery-failure.js';
import type { TeamChannels } from '../../../../shared/domain/delivery/team-channels.js';
import type { DeliveryLedger, DeliveryRecord } from '../../../../shared/domain/ports/delivery-ledger.js';
import type { MailMessage, MailSender } from '../../../../shared/domain/ports/mail-sender.js';
import type { TeamChannelStore } from '../../../../shared/domain/ports/team-channel-store.js';
import type { WebhookSecretStore } from '../../../../shared/domain/ports/webhook-secret-store.js';
import type { WebhookDelivery, WebhookSender } from '../../../../shared/domain/ports/webhook-sender.js';

export class InMemoryTeamChannelStore implements TeamChannelStore {
  readonly teams = new Map<string, TeamChannels>();
  async get(teamId: string) {
    return this.teams.get(teamId);
  }
  async put(channels: TeamChannels) {
    this.teams.set(channels.teamId, channels);
  }
}

export class InMemoryDeliveryLedger implements DeliveryLedger {
  readonly records = new Map<string, DeliveryRecord>();
  async settled(memberId: string, notificationId: string, target: string) {
    return this.records.get(`${memberId}|${notificationId}|${target}`)?.outcome;
  }
  async record(record: DeliveryRecord) {
    const key = `${record.memberId}|${record.notificationId}|${record.target}`;
    if (!this.records.has(key)) this.records.set(key, record);
  }
}

/** Records what was sent; `failFor` makes sends to those recipients throw (a retryable failure, or a refusal). */
export class RecordingMailSender implements MailSender {
  readonly sent: MailMessage[] = [];
  readonly failFor = new Map<string, 'retry' | 'refused'>();
  async send(message: MailMessage) {
    const failure = this.failFor.get(message.to);
    if (failure === 'refused') throw new DeliveryRefusedError('550 mailbox unavailable');
    if (failure === 'retry') throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
    this.sent.push(message);
  }
}

export class RecordingWebhookSender implements WebhookSender {
  readonly sent: WebhookDelivery[] = [];
  failing = false;
  async send(delivery: WebhookDelivery) {
    if (this.failing) throw Object.assign(new Error('503'), { name: 'WebhookRejectedError' });
    this.sent.push(delivery);
  }
}

export class InMemoryWebhookSecrets implements WebhookSecretStore {
  readonly secrets = new Map<string, string>();
  async put(teamId: string, secret: string) {
    this.secrets.set(`mem:${teamId}`, secret);
    return `mem:${teamId}`;
  }
  async get(secretRef: string) {
    const secret = this.secrets.get(secretRef);
    if (secret === undefined) throw new Error('no secret');
    return secret;
  }
}
