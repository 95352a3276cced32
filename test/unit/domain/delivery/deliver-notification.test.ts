import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CareTeamMessage,
  careTeamMessageSchema,
} from '../../../../shared/domain/delivery/care-team-message.js';
import {
  type DeliveryDependencies,
  DeliveryFailedError,
  deliverNotification,
} from '../../../../shared/domain/delivery/deliver-notification.js';
import type { Member } from '../../../../shared/domain/member.js';
import {
  InMemoryDeliveryLedger,
  InMemoryTeamChannelStore,
  InMemoryWebhookSecrets,
  RecordingAlarm,
  RecordingMailSender,
  RecordingWebhookSender,
} from './in-memory-delivery-ports.js';

const member: Member = {
  memberId: 'm-abc',
  name: 'Sam Example',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
  teamId: 'team-north',
};

const alertMessage = (overrides: Record<string, unknown> = {}): CareTeamMessage =>
  careTeamMessageSchema.parse({
    schemaVersion: '1.0',
    alertKey: 'm-abc#bp-severe#2026-11-20',
    memberId: 'm-abc',
    memberName: 'Sam Example',
    memberTimezone: 'Europe/London',
    rule: 'bp-severe',
    severity: 'urgent',
    episode: '2026-11-20',
    raisedAt: '2026-11-20T07:31:05.000Z',
    status: 'open',
    readings: [
      {
        metric: 'blood-pressure',
        measuredAt: '2026-11-20T07:31:00.000Z',
        values: { systolic: 186, diastolic: 100 },
        source: 'json-upload',
      },
    ],
    thresholds: { severeSystolic: 180, severeDiastolic: 120 },
    explanation: 'A home blood pressure reading of 186/100 mmHg is at or above the severe level.',
    guidance: { name: 'NICE NG136', reference: 'https://www.nice.org.uk/guidance/ng136' },
    qualityFlags: [],
    ...overrides,
  });

let deps: DeliveryDependencies & {
  channels: InMemoryTeamChannelStore;
  ledger: InMemoryDeliveryLedger;
  mail: RecordingMailSender;
  webhooks: RecordingWebhookSender;
  webhookSecrets: InMemoryWebhookSecrets;
  alarm: RecordingAlarm;
};

beforeEach(async () => {
  deps = {
    directory: { getMember: async (id) => (id === member.memberId ? member : undefined) },
    channels: new InMemoryTeamChannelStore(),
    ledger: new InMemoryDeliveryLedger(),
    mail: new RecordingMailSender(),
    webhooks: new RecordingWebhookSender(),
    webhookSecrets: new InMemoryWebhookSecrets(),
    alarm: new RecordingAlarm(),
    clock: { now: () => new Date('2026-11-20T07:32:00.000Z') },
    publicBaseUrl: 'https://relay.example.org/',
    secureEmailDomains: ['nhs.net'],
  };
  const secretRef = await deps.webhookSecrets.put(
    'team-north',
    'whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQtdGVzdA==',
  );
  await deps.channels.put({
    teamId: 'team-north',
    email: { addresses: ['care@example.org', 'gp.practice@nhs.net'], fullContent: false },
    webhook: { url: 'https://hooks.example.org/in', secretRef },
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'ops',
  });
});

describe('delivering a notification to the member’s care team', () => {
  it('emails every address and posts the webhook, with no health values by default', async () => {
    const outcome = await deliverNotification(alertMessage(), deps);
    expect(outcome.delivered).toEqual(['email:care@example.org', 'email:gp.practice@nhs.net', 'webhook']);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual(['care@example.org', 'gp.practice@nhs.net']);
    for (const mail of deps.mail.sent) {
      expect(mail.subject).toBe('[pulse-relay] New urgent alert for member m-abc');
      expect(mail.text).toContain('https://relay.example.org/console/members/m-abc');
      for (const secret of ['186', '100', 'Sam', 'bp-severe', 'blood pressure'])
        expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
    }
    const [hook] = deps.webhooks.sent;
    expect(hook?.secret).toBe('whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQtdGVzdA==');
    expect(JSON.parse(hook?.body ?? '{}')).toEqual({
      type: 'alert.raised',
      timestamp: '2026-11-20T07:32:00.000Z',
      data: {
        notificationId: 'm-abc#bp-severe#2026-11-20',
        memberId: 'm-abc',
        severity: 'urgent',
        status: 'open',
        raisedAt: '2026-11-20T07:31:05.000Z',
        consoleUrl: 'https://relay.example.org/console/members/m-abc',
      },
    });
    expect(hook?.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('gives full content only to opted-in addresses on an allow-listed secure domain', async () => {
    const channels = await deps.channels.get('team-north');
    if (channels?.email !== undefined) channels.email.fullContent = true;
    await deliverNotification(alertMessage(), deps);
    const byAddress = Object.fromEntries(deps.mail.sent.map((mail) => [mail.to, mail.text]));
    expect(byAddress['gp.practice@nhs.net']).toContain('186');
    expect(byAddress['gp.practice@nhs.net']).toContain('Sam Example');
    expect(byAddress['care@example.org']).not.toContain('186');
  });

  it('does not send a notification twice to a target that already has it', async () => {
    await deliverNotification(alertMessage(), deps);
    const again = await deliverNotification(alertMessage(), deps);
    expect(again.delivered).toEqual([]);
    expect(again.alreadyDelivered).toHaveLength(3);
    expect(deps.mail.sent).toHaveLength(2);
    expect(deps.webhooks.sent).toHaveLength(1);
  });

  it('treats a 1.0 resolved notice as `resolved`, and delivers it separately from the raise', async () => {
    await deliverNotification(alertMessage(), deps);
    const outcome = await deliverNotification(
      alertMessage({ status: 'resolved', resolvedAt: '2026-11-21T08:00:00.000Z' }),
      deps,
    );
    expect(outcome).toMatchObject({
      kind: 'resolved',
      notificationId: 'm-abc#bp-severe#2026-11-20#resolved',
    });
    expect(outcome.delivered).toHaveLength(3);
    expect(deps.mail.sent.at(-1)?.subject).toBe('[pulse-relay] Alert resolved (was urgent) for member m-abc');
  });

  it.each([
    ['escalated', '[pulse-relay] Alert escalated to urgent for member m-abc'],
    ['reminder', '[pulse-relay] Reminder: urgent alert still open for member m-abc'],
  ] as const)(
    'reads the kind of a 1.1 %s notification and keys delivery on its dedupe id',
    async (kind, subject) => {
      const message = alertMessage({
        schemaVersion: '1.1',
        notifications: [],
        notification: {
          kind,
          at: '2026-11-20T09:00:00.000Z',
          dedupeId: `m-abc#bp-severe#2026-11-20#${kind}-1`,
        },
      });
      const outcome = await deliverNotification(message, deps);
      expect(outcome).toMatchObject({ kind, notificationId: `m-abc#bp-severe#2026-11-20#${kind}-1` });
      expect(deps.mail.sent[0]?.subject).toBe(subject);
      expect(JSON.parse(deps.webhooks.sent[0]?.body ?? '{}').type).toBe(`alert.${kind}`);
    },
  );

  it('delivers what it can, then fails so the queue retries only the missing target', async () => {
    deps.mail.failFor.add('gp.practice@nhs.net');
    const failure = await deliverNotification(alertMessage(), deps).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryFailedError);
    expect((failure as DeliveryFailedError).outcome.failed).toEqual([
      { target: 'email:gp.practice@nhs.net', errorName: 'MessageRejected' },
    ]);
    expect(deps.alarm.raised).toEqual([]);

    deps.mail.failFor.clear();
    const retry = await deliverNotification(alertMessage(), deps);
    expect(retry.delivered).toEqual(['email:gp.practice@nhs.net']);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual(['care@example.org', 'gp.practice@nhs.net']);
    expect(deps.webhooks.sent).toHaveLength(1);
  });

  it('raises the operational alarm when an urgent alert failed on every channel', async () => {
    deps.mail.failFor.add('care@example.org').add('gp.practice@nhs.net');
    deps.webhooks.failing = true;
    await expect(deliverNotification(alertMessage(), deps)).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(deps.alarm.raised).toEqual([
      {
        memberId: 'm-abc',
        notificationId: 'm-abc#bp-severe#2026-11-20',
        reason: 'delivery failed on every channel',
      },
    ]);
  });

  it('does not raise it for a watch alert that failed everywhere (the DLQ alarm covers it)', async () => {
    deps.mail.failFor.add('care@example.org').add('gp.practice@nhs.net');
    deps.webhooks.failing = true;
    await expect(deliverNotification(alertMessage({ severity: 'watch' }), deps)).rejects.toBeInstanceOf(
      DeliveryFailedError,
    );
    expect(deps.alarm.raised).toEqual([]);
  });

  it('raises the alarm for an urgent alert of a member with no team, without retrying', async () => {
    deps.directory = { getMember: async () => ({ ...member, teamId: undefined }) };
    const outcome = await deliverNotification(alertMessage(), deps);
    expect(outcome.delivered).toEqual([]);
    expect(deps.alarm.raised[0]?.reason).toBe('member has no care team');
  });

  it('raises the alarm for an urgent alert of a team with no channels', async () => {
    deps.channels.teams.clear();
    await deliverNotification(alertMessage(), deps);
    expect(deps.alarm.raised[0]?.reason).toBe('team has no delivery channels');
  });
});
