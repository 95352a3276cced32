import { randomBytes } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCliContext } from '../../../cli/cli-context.js';
import { teamChannelsSet } from '../../../cli/commands/team-commands.js';
import { createLambdaContext } from '../../../local/lambda-context.js';
import { type LocalMailServer, startLocalMailServer } from '../../../local/local-mail-server.js';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import {
  StandardWebhookSender,
  WebhookRejectedError,
} from '../../../shared/adapters/standard-webhook-sender.js';
import type { Alert, AlertNotification, NotificationKind } from '../../../shared/domain/alert.js';
import { enrolMember } from '../../../shared/domain/members/enrol-member.js';
import { severeBloodPressureAlert } from '../../fixtures/severe-blood-pressure-alert.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { queueDepth, receiveAll } from '../support/queue-messages.js';
import { waitUntil } from '../support/wait-until.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
let stack: IsolatedStack;
let mail: LocalMailServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let handler: (event: SQSEvent, context: ReturnType<typeof createLambdaContext>) => Promise<unknown>;

const notificationOf = (alert: Alert, kind: NotificationKind, position: number): AlertNotification => ({
  kind,
  at: '2026-11-20T07:31:05.000Z',
  dedupeId: `${alert.alertKey}#${kind}-${position}`,
  severity: alert.severity,
  tier: alert.tier,
});

const HEALTH_DETAILS = ['186', '104', 'mmHg', 'Sam', 'bp-severe', 'blood pressure', 'NICE'];

beforeAll(async () => {
  mail = await startLocalMailServer();
  receiver = await startWebhookReceiver(SECRET);
  stack = await createIsolatedStack({
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: 3,
    environment: {
      SMTP_URL: mail.url,
      MAIL_FROM: 'pulse-relay <alerts@pulse-relay.localhost>',
      PUBLIC_BASE_URL: 'http://relay.localhost:8080',
      LOCAL_TOKEN_KEY: randomBytes(32).toString('base64'),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'PulseRelay/test',
      ALERT_QUEUE_MAX_RECEIVES: '3',
      SECURE_EMAIL_DOMAINS: 'nhs.net',
    },
  });
  ({ handler } = (await import('../../../functions/deliver-alerts/handler.js')) as unknown as {
    handler: typeof handler;
  });
  await stack.startQueueRunner({
    queueUrl: stack.resources.queues.alerts.url,
    functionName: 'deliver-alerts',
    handler: handler as never,
    log: () => undefined,
  });
});

afterAll(async () => {
  await stack?.stop();
  await mail?.stop();
  await receiver?.stop();
});

const enrolInTeam = async (teamId: string) =>
  enrolMember({ name: 'Sam Example', timezone: 'Europe/London', teamId }, createCliContext());

const publish = (alert: Alert, kind: NotificationKind = 'raised', position = 0) =>
  new SqsAlertPublisher(new SQSClient({}), stack.resources.queues.alerts.url).publish(
    alert,
    notificationOf(alert, kind, position),
  );

const queueMessageOf = (alert: Alert, kind: NotificationKind, position: number) => {
  const { kind: _kind, at, dedupeId } = notificationOf(alert, kind, position);
  return JSON.stringify({ ...alert, notification: { kind, at, dedupeId } });
};

describe('deliver-alerts on the care-team FIFO queue (fauxqs, DynamoDB Local, real SMTP server)', () => {
  it('emails the team without health values and posts a webhook the receiver verifies', async () => {
    const context = createCliContext();
    await teamChannelsSet(
      {
        team: 'team-north',
        email: 'care@example.org',
        webhook: receiver.url,
        'webhook-secret': SECRET,
        by: 'test',
      },
      context,
    );
    const member = await enrolInTeam('team-north');
    await publish(severeBloodPressureAlert(member.memberId));

    const email = await waitUntil(() => mail.messages.find((m) => m.subject.includes(member.memberId)), {
      timeoutMs: 15_000,
      description: 'the alert email',
    });
    expect(email.to).toEqual(['care@example.org']);
    expect(email.from).toBe('alerts@pulse-relay.localhost');
    expect(email.subject).toBe(`[pulse-relay] New urgent alert for member ${member.memberId}`);
    expect(email.text).toContain(`http://relay.localhost:8080/console/members/${member.memberId}`);
    for (const healthDetail of HEALTH_DETAILS)
      expect(`${email.subject}\n${email.text}`).not.toContain(healthDetail);

    const hook = await waitUntil(() => receiver.received.find((r) => r.body.includes(member.memberId)), {
      timeoutMs: 10_000,
    });
    expect(hook.accepted).toBe(true);
    expect(hook.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(hook.body)).toMatchObject({
      type: 'alert.raised',
      data: { memberId: member.memberId, severity: 'urgent' },
    });
    for (const healthDetail of HEALTH_DETAILS) expect(hook.body).not.toContain(healthDetail);

    // The same message delivered again (at-least-once) sends nothing new.
    const emailsBefore = mail.messages.length;
    const webhooksBefore = receiver.received.length;
    const redelivered = await handler(
      {
        Records: [
          {
            messageId: 'redelivery-1',
            receiptHandle: 'r',
            body: queueMessageOf(severeBloodPressureAlert(member.memberId), 'raised', 0),
            attributes: {
              ApproximateReceiveCount: '2',
              SentTimestamp: String(Date.now()),
              SenderId: 'test',
              ApproximateFirstReceiveTimestamp: String(Date.now()),
              MessageGroupId: member.memberId,
            },
            messageAttributes: {},
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: stack.resources.queues.alerts.arn,
            awsRegion: 'eu-west-2',
          },
        ],
      },
      createLambdaContext('deliver-alerts'),
    );
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(mail.messages.length).toBe(emailsBefore);
    expect(receiver.received.length).toBe(webhooksBefore);

    // A reminder of the same alert (from the follow-up schedule) is a new notification: delivered once more.
    await publish(severeBloodPressureAlert(member.memberId), 'reminder', 1);
    const reminder = await waitUntil(
      () => mail.messages.find((m) => m.subject.includes(member.memberId) && m.subject.includes('Reminder')),
      { timeoutMs: 15_000, description: 'the reminder email' },
    );
    expect(reminder.subject).toBe(
      `[pulse-relay] Reminder: urgent alert not acknowledged yet for member ${member.memberId}`,
    );
    const hooks = await waitUntil(
      () => {
        const forMember = receiver.received.filter((r) => r.body.includes(member.memberId));
        return forMember.length === 2 ? forMember : undefined;
      },
      { timeoutMs: 10_000, description: 'the reminder webhook' },
    );
    expect(JSON.parse(hooks[1]?.body ?? '{}').type).toBe('alert.reminder');
    expect(hooks[1]?.headers['webhook-id']).not.toBe(hooks[0]?.headers['webhook-id']);
  });

  it('sends full content only to an opted-in address on the secure domain', async () => {
    await teamChannelsSet(
      {
        team: 'team-east',
        email: 'team@example.org,gp.surgery@nhs.net',
        'full-content': 'true',
        by: 'test',
      },
      createCliContext(),
    );
    const member = await enrolInTeam('team-east');
    await publish(severeBloodPressureAlert(member.memberId));
    const emails = await waitUntil(
      () => {
        const found = mail.messages.filter((m) => m.subject.includes(member.memberId));
        return found.length === 2 ? found : undefined;
      },
      { timeoutMs: 15_000, description: 'both emails' },
    );
    const byAddress = Object.fromEntries(emails.map((m) => [m.to[0], m.text]));
    expect(byAddress['gp.surgery@nhs.net']).toContain('systolic 186, diastolic 104');
    expect(byAddress['gp.surgery@nhs.net']).toContain('Sam Example');
    for (const healthDetail of HEALTH_DETAILS)
      expect(byAddress['team@example.org']).not.toContain(healthDetail);
  });

  it('the test receiver refuses a webhook signed with another secret', async () => {
    const sender = new StandardWebhookSender();
    const wrongSecret = `whsec_${randomBytes(32).toString('base64')}`;
    await expect(
      sender.send({
        url: receiver.url,
        secret: wrongSecret,
        webhookId: 'msg_forged',
        body: '{"type":"alert.raised"}',
      }),
    ).rejects.toEqual(new WebhookRejectedError(401));
    expect(receiver.received.at(-1)?.accepted).toBe(false);
  });

  it('retries a failing webhook, then dead-letters the message and raises the urgent-undelivered metric', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    try {
      const context = createCliContext();
      await teamChannelsSet(
        { team: 'team-south', webhook: receiver.url, 'webhook-secret': SECRET, by: 'test' },
        context,
      );
      const member = await enrolInTeam('team-south');
      receiver.state.failing = true;
      await publish(severeBloodPressureAlert(member.memberId));

      const deadLettered = await receiveAll(stack.sqs, stack.resources.queues.alertsDlq.url, {
        expected: 1,
        timeoutMs: 25_000,
      });
      expect(deadLettered).toHaveLength(1);
      expect(JSON.parse(deadLettered[0]?.Body ?? '{}').memberId).toBe(member.memberId);
      expect(await queueDepth(stack.sqs, stack.resources.queues.alerts.url)).toBe(0);

      const attempts = receiver.received.filter((r) => r.body.includes(member.memberId));
      expect(attempts.length).toBe(3);
      expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
      expect(attempts.every((a) => a.accepted)).toBe(true);
      const metricLines = stdout.mock.calls
        .map(([chunk]) => String(chunk))
        .filter((line) => line.includes('UrgentAlertsUndelivered'));
      // Raised once, on the last attempt (the receive count reached ALERT_QUEUE_MAX_RECEIVES).
      expect(metricLines).toHaveLength(1);
      expect(JSON.parse(metricLines[0] ?? '{}')).toMatchObject({
        UrgentAlertsUndelivered: 1,
        service: expect.any(String),
      });
    } finally {
      receiver.state.failing = false;
      stdout.mockRestore();
    }
  });

  it('does not retry a webhook the receiver refuses for good (410 Gone)', async () => {
    await teamChannelsSet(
      { team: 'team-west', webhook: receiver.url, 'webhook-secret': SECRET, by: 'test' },
      createCliContext(),
    );
    const member = await enrolInTeam('team-west');
    receiver.state.status = 410;
    try {
      await publish({ ...severeBloodPressureAlert(member.memberId), severity: 'watch' });
      await waitUntil(() => receiver.received.find((r) => r.body.includes(member.memberId)), {
        timeoutMs: 10_000,
        description: 'the refused webhook',
      });
      await waitUntil(
        async () =>
          (await queueDepth(stack.sqs, stack.resources.queues.alerts.url)) === 0 ? true : undefined,
        { timeoutMs: 10_000, description: 'the message deleted' },
      );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(receiver.received.filter((r) => r.body.includes(member.memberId))).toHaveLength(1);
      expect(await queueDepth(stack.sqs, stack.resources.queues.alertsDlq.url)).toBe(0);
    } finally {
      receiver.state.status = undefined;
    }
  });
});
