import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationKind } from '../../../../shared/domain/alert.js';
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
import { severeBloodPressureAlert } from '../../../fixtures/severe-blood-pressure-alert.js';
import {
  InMemoryDeliveryLedger,
  InMemoryTeamChannelStore,
  InMemoryWebhookSecrets,
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

const ALERT_KEY = 'm-abc#bp-severe#2026-11-20T07:31:00.000Z';
const ALERT_LINK = `https://relay.example.org/console/alerts/${encodeURIComponent(ALERT_KEY)}`;

const alertMessage = (
  kind: NotificationKind = 'raised',
  position = 0,
  overrides: Record<string, unknown> = {},
): CareTeamMessage =>
  careTeamMessageSchema.parse({
    ...severeBloodPressureAlert('m-abc'),
    status: kind === 'resolved' ? 'resolved' : 'open',
    notification: { kind, at: '2026-11-20T07:31:05.000Z', dedupeId: `${ALERT_KEY}#${kind}-${position}` },
    ...overrides,
  });

let deps: DeliveryDependencies & {
  channels: InMemoryTeamChannelStore;
  ledger: InMemoryDeliveryLedger;
  mail: RecordingMailSender;
  webhooks: RecordingWebhookSender;
  webhookSecrets: InMemoryWebhookSecrets;
};

beforeEach(async () => {
  deps = {
    directory: { getMember: async (id) => (id === member.memberId ? member : undefined) },
    channels: new InMemoryTeamChannelStore(),
    ledger: new InMemoryDeliveryLedger(),
    mail: new RecordingMailSender(),
    webhooks: new RecordingWebhookSender(),
    webhookSecrets: new InMemoryWebhookSecrets(),
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

const withoutWebhook = () => {
  const channels = deps.channels.teams.get('team-north');
  if (channels !== undefined) deps.channels.teams.set('team-north', { ...channels, webhook: undefined });
};

const HEALTH_DETAILS = ['186', '104', 'mmHg', 'Sam', 'bp-severe', 'blood pressure', 'NICE'];

describe('delivering a notification to the member’s care team', () => {
  it('emails every address and posts the webhook, with no health values by default', async () => {
    const outcome = await deliverNotification(alertMessage(), deps);
    expect(outcome.delivered).toEqual(['email:care@example.org', 'email:gp.practice@nhs.net', 'webhook']);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual(['care@example.org', 'gp.practice@nhs.net']);
    for (const mail of deps.mail.sent) {
      expect(mail.subject).toBe('[pulse-relay] New urgent alert for member m-abc');
      expect(mail.text).toContain('https://relay.example.org/console/members/m-abc');
      for (const detail of HEALTH_DETAILS) expect(`${mail.subject}\n${mail.text}`).not.toContain(detail);
    }
    const [hook] = deps.webhooks.sent;
    expect(hook?.secret).toBe('whsec_dGVzdC1zZWNyZXQtdGVzdC1zZWNyZXQtdGVzdA==');
    expect(JSON.parse(hook?.body ?? '{}')).toEqual({
      type: 'alert.raised',
      timestamp: '2026-11-20T07:32:00.000Z',
      data: {
        id: hook?.webhookId,
        memberId: 'm-abc',
        severity: 'urgent',
        status: 'open',
        raisedAt: '2026-11-20T07:31:05.000Z',
        consoleUrl: 'https://relay.example.org/console/members/m-abc',
      },
    });
    for (const detail of HEALTH_DETAILS) expect(hook?.body).not.toContain(detail);
    expect(hook?.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('gives full content only to opted-in addresses on an allow-listed secure domain', async () => {
    const channels = await deps.channels.get('team-north');
    if (channels?.email !== undefined) channels.email.fullContent = true;
    await deliverNotification(alertMessage(), deps);
    const byAddress = Object.fromEntries(deps.mail.sent.map((mail) => [mail.to, mail.text]));
    expect(byAddress['gp.practice@nhs.net']).toContain('systolic 186, diastolic 104');
    expect(byAddress['gp.practice@nhs.net']).toContain('Sam Example');
    expect(byAddress['gp.practice@nhs.net']).toContain(ALERT_LINK);
    for (const detail of HEALTH_DETAILS) expect(byAddress['care@example.org']).not.toContain(detail);
  });

  it('gives no full content to a secure-domain address when the team did not opt in', async () => {
    await deliverNotification(alertMessage(), deps);
    const gp = deps.mail.sent.find((mail) => mail.to === 'gp.practice@nhs.net');
    for (const detail of HEALTH_DETAILS) expect(gp?.text).not.toContain(detail);
  });

  it('does not send a notification twice to a target that already has it (a redelivered message)', async () => {
    await deliverNotification(alertMessage(), deps);
    const again = await deliverNotification(alertMessage(), deps);
    expect(again.delivered).toEqual([]);
    expect(again.alreadyDelivered).toHaveLength(3);
    expect(deps.mail.sent).toHaveLength(2);
    expect(deps.webhooks.sent).toHaveLength(1);
  });

  it.each([
    ['escalated', 1, '[pulse-relay] Alert got worse (still urgent) for member m-abc'],
    ['reminder', 2, '[pulse-relay] Reminder: urgent alert not acknowledged yet for member m-abc'],
    ['resolved', 3, '[pulse-relay] Alert resolved (was urgent) for member m-abc'],
  ] as const)(
    'delivers a %s notification of the same alert as a new one, keyed on its dedupe id',
    async (kind, position, subject) => {
      await deliverNotification(alertMessage(), deps);
      const outcome = await deliverNotification(alertMessage(kind, position), deps);
      expect(outcome).toMatchObject({ kind, notificationId: `${ALERT_KEY}#${kind}-${position}` });
      expect(outcome.delivered).toHaveLength(3);
      expect(deps.mail.sent.at(-1)?.subject).toBe(subject);
      expect(JSON.parse(deps.webhooks.sent.at(-1)?.body ?? '{}').type).toBe(`alert.${kind}`);
    },
  );

  it('delivers two reminders of one alert separately, each once', async () => {
    await deliverNotification(alertMessage('reminder', 1), deps);
    await deliverNotification(alertMessage('reminder', 2), deps);
    await deliverNotification(alertMessage('reminder', 2), deps);
    expect(deps.mail.sent.filter((mail) => mail.to === 'care@example.org')).toHaveLength(2);
    expect(new Set(deps.webhooks.sent.map((hook) => hook.webhookId)).size).toBe(2);
  });

  it('reads a 1.0 message (no notification field) as its raise or its resolved notice', async () => {
    const legacy = alertMessage('raised', 0, { schemaVersion: '1.0', notification: undefined });
    expect(await deliverNotification(legacy, deps)).toMatchObject({
      kind: 'raised',
      notificationId: ALERT_KEY,
    });
    const resolved = alertMessage('resolved', 0, { schemaVersion: '1.0', notification: undefined });
    expect(await deliverNotification(resolved, deps)).toMatchObject({
      kind: 'resolved',
      notificationId: `${ALERT_KEY}#resolved`,
    });
  });

  it('words a weekly summary (info) as a report', async () => {
    await deliverNotification(alertMessage('raised', 0, { severity: 'info', rule: 'weekly-summary' }), deps);
    expect(deps.mail.sent[0]?.subject).toBe('[pulse-relay] New report for member m-abc');
  });
});

describe('failures: retried, refused, and the urgent alarm', () => {
  it('delivers what it can, then fails so the queue retries only the missing target', async () => {
    deps.mail.failFor.set('gp.practice@nhs.net', 'retry');
    const failure = await deliverNotification(alertMessage(), deps).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryFailedError);
    const outcome = (failure as DeliveryFailedError).outcome;
    expect(outcome.failed).toEqual([{ target: 'email:gp.practice@nhs.net', errorName: 'TimeoutError' }]);
    expect(outcome.urgentUndelivered).toBeUndefined();

    deps.mail.failFor.clear();
    const retry = await deliverNotification(alertMessage(), deps);
    expect(retry.delivered).toEqual(['email:gp.practice@nhs.net']);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual(['care@example.org', 'gp.practice@nhs.net']);
    expect(deps.webhooks.sent).toHaveLength(1);
  });

  it('does not retry a refused target, and records the refusal so a retry of the others skips it', async () => {
    deps.mail.failFor.set('care@example.org', 'refused');
    deps.webhooks.failing = true;
    const first = (await deliverNotification(alertMessage(), deps).catch(
      (e: unknown) => e,
    )) as DeliveryFailedError;
    expect(first.outcome.refused).toEqual([
      { target: 'email:care@example.org', errorName: 'DeliveryRefusedError' },
    ]);
    expect(first.outcome.failed.map((f) => f.target)).toEqual(['webhook']);

    deps.mail.failFor.clear();
    deps.webhooks.failing = false;
    const retry = await deliverNotification(alertMessage(), deps);
    expect(retry.delivered).toEqual(['webhook']);
    expect(retry.refused).toEqual([{ target: 'email:care@example.org', errorName: 'RefusedEarlier' }]);
    expect(deps.mail.sent.map((mail) => mail.to)).toEqual(['gp.practice@nhs.net']);
  });

  it('does not throw when every failure is a refusal: retrying cannot help', async () => {
    deps.mail.failFor.set('care@example.org', 'refused').set('gp.practice@nhs.net', 'refused');
    withoutWebhook();
    const outcome = await deliverNotification(alertMessage('raised', 0, { severity: 'watch' }), deps);
    expect(outcome.refused).toHaveLength(2);
    expect(outcome.urgentUndelivered).toBeUndefined();
  });

  it('waits for the last attempt before calling an urgent alert undelivered when failures may clear', async () => {
    deps.mail.failFor.set('care@example.org', 'retry').set('gp.practice@nhs.net', 'retry');
    deps.webhooks.failing = true;
    const early = (await deliverNotification(alertMessage(), deps, { final: false }).catch(
      (e: unknown) => e,
    )) as DeliveryFailedError;
    expect(early.outcome.urgentUndelivered).toBeUndefined();
    const last = (await deliverNotification(alertMessage(), deps, { final: true }).catch(
      (e: unknown) => e,
    )) as DeliveryFailedError;
    expect(last).toBeInstanceOf(DeliveryFailedError);
    expect(last.outcome.urgentUndelivered).toBe('every channel failed');
  });

  it('calls an urgent alert undelivered at once when every channel refused it', async () => {
    deps.mail.failFor.set('care@example.org', 'refused').set('gp.practice@nhs.net', 'refused');
    withoutWebhook();
    const outcome = await deliverNotification(alertMessage('reminder', 2), deps);
    expect(outcome.urgentUndelivered).toBe('every channel failed');
  });

  it('does not call it undelivered when one channel got it', async () => {
    deps.mail.failFor.set('care@example.org', 'refused').set('gp.practice@nhs.net', 'refused');
    const outcome = await deliverNotification(alertMessage(), deps, { final: true });
    expect(outcome.delivered).toEqual(['webhook']);
    expect(outcome.urgentUndelivered).toBeUndefined();
  });

  it('never calls a watch alert or a resolved notice undelivered (the DLQ alarm covers them)', async () => {
    deps.mail.failFor.set('care@example.org', 'refused').set('gp.practice@nhs.net', 'refused');
    withoutWebhook();
    const watch = await deliverNotification(alertMessage('raised', 0, { severity: 'watch' }), deps);
    const resolved = await deliverNotification(alertMessage('resolved', 3), deps);
    expect(watch.urgentUndelivered).toBeUndefined();
    expect(resolved.urgentUndelivered).toBeUndefined();
  });

  it('calls an urgent alert of a member with no team undelivered, without retrying', async () => {
    deps.directory = { getMember: async () => ({ ...member, teamId: undefined }) };
    const outcome = await deliverNotification(alertMessage(), deps);
    expect(outcome.delivered).toEqual([]);
    expect(outcome.urgentUndelivered).toBe('member has no care team');
  });

  it('calls an urgent alert of a team with no channels undelivered', async () => {
    deps.channels.teams.clear();
    const outcome = await deliverNotification(alertMessage(), deps);
    expect(outcome.urgentUndelivered).toBe('team has no delivery channels');
  });
});
