import type { TeamChannels } from '../../../../shared/domain/delivery/team-channels.js';
import type { DeliveryAlarm } from '../../../../shared/domain/ports/delivery-alarm.js';
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
  async wasDelivered(memberId: string, notificationId: string, target: string) {
    return this.records.has(`${memberId}|${notificationId}|${target}`);
  }
  async recordDelivered(record: DeliveryRecord) {
    const key = `${record.memberId}|${record.notificationId}|${record.target}`;
    if (!this.records.has(key)) this.records.set(key, record);
  }
}

/** Records what was sent; `failFor` makes sends to those recipients throw. */
export class RecordingMailSender implements MailSender {
  readonly sent: MailMessage[] = [];
  readonly failFor = new Set<string>();
  async send(message: MailMessage) {
    if (this.failFor.has(message.to)) throw Object.assign(new Error('refused'), { name: 'MessageRejected' });
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

export class RecordingAlarm implements DeliveryAlarm {
  readonly raised: { memberId: string; notificationId: string; reason: string }[] = [];
  urgentAlertUndelivered(details: { memberId: string; notificationId: string; reason: string }) {
    this.raised.push(details);
  }
}
