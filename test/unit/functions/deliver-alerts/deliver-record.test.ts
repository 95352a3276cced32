import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryDependencies } from '../../../../shared/domain/delivery/deliver-notification.js';
import { DeliveryFailedError } from '../../../../shared/domain/delivery/deliver-notification.js';
import {
  InMemoryDeliveryLedger,
  InMemoryTeamChannelStore,
  InMemoryWebhookSecrets,
  RecordingMailSender,
  RecordingWebhookSender,
} from '../../domain/delivery/in-memory-delivery-ports.js';

// Read when the metrics module loads, so before the handler module is imported.
process.env.POWERTOOLS_METRICS_NAMESPACE = 'PulseRelay/test';
process.env.POWERTOOLS_SERVICE_NAME = 'pulse-relay-deliver-alerts';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.ALERT_QUEUE_MAX_RECEIVES = '5';
const { createDeliverRecordHandler } = await import('../../../../functions/deliver-alerts/deliver-record.js');

const ALERT_KEY = 'm-abc#bp-severe#2026-11-20T07:31:00.000Z';
const body = JSON.stringify({
  schemaVersion: '1.1',
  alertKey: ALERT_KEY,
  memberId: 'm-abc',
  memberName: 'Sam Example',
  rule: 'bp-severe',
  severity: 'urgent',
  tier: 1,
  episode: '2026-11-20T07:31:00.000Z',
  raisedAt: '2026-11-20T07:31:05.000Z',
  status: 'open',
  readings: [
    {
      metric: 'blood-pressure',
      measuredAt: '2026-11-20T07:31:00.000Z',
      values: { systolic: 186 },
      source: 'x',
    },
  ],
  thresholds: {},
  explanation: 'Very high home blood pressure: 186 mmHg.',
  guidance: { name: 'NICE NG136', reference: 'https://www.nice.org.uk/guidance/ng136' },
  qualityFlags: [],
  notifications: [],
  revision: 1,
  notification: { kind: 'reminder', at: '2026-11-20T11:31:05.000Z', dedupeId: `${ALERT_KEY}#reminder-1` },
});

const record = (receiveCount: number): SQSRecord =>
  ({
    messageId: `m-${receiveCount}`,
    receiptHandle: 'r',
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:alerts.fifo',
    awsRegion: 'eu-west-2',
  }) as SQSRecord;

let printed: string[];
let mail: RecordingMailSender;
let deps: DeliveryDependencies;

beforeEach(async () => {
  printed = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  mail = new RecordingMailSender();
  const channels = new InMemoryTeamChannelStore();
  await channels.put({
    teamId: 'team-north',
    email: { addresses: ['care@example.org'], fullContent: false },
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'ops',
  });
  deps = {
    directory: {
      getMember: async () => ({
        memberId: 'm-abc',
        name: 'Sam Example',
        timezone: 'Europe/London',
        createdAt: '2026-01-01T00:00:00.000Z',
        teamId: 'team-north',
      }),
    },
    channels,
    ledger: new InMemoryDeliveryLedger(),
    mail,
    webhooks: new RecordingWebhookSender(),
    webhookSecrets: new InMemoryWebhookSecrets(),
    clock: { now: () => new Date('2026-11-20T11:32:00.000Z') },
    publicBaseUrl: 'https://relay.example.org',
    secureEmailDomains: ['nhs.net'],
  };
});

afterEach(() => vi.restoreAllMocks());

const logger = () => new Logger({ serviceName: 'pulse-relay-deliver-alerts', logLevel: 'INFO' });
const metricLines = () => printed.filter((line) => line.includes('"_aws"'));

describe('deliver-alerts record handler', () => {
  it('counts deliveries per channel and outcome, and logs no address, name or value', async () => {
    await createDeliverRecordHandler(deps, logger())(record(1));
    expect(mail.sent).toHaveLength(1);
    const metrics = metricLines().map((line) => JSON.parse(line));
    expect(metrics).toEqual([
      expect.objectContaining({ channel: 'email', outcome: 'delivered', Deliveries: 1 }),
    ]);
    const everything = printed.join('\n');
    for (const secret of ['care@example.org', 'Sam', '186']) expect(everything).not.toContain(secret);
    expect(everything).toContain('notification delivered');
  });

  it('throws a retryable failure for the queue, and raises the urgent metric only on the last receive', async () => {
    mail.failFor.set('care@example.org', 'retry');
    const handle = createDeliverRecordHandler(deps, logger());
    await expect(handle(record(1))).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(printed.join('\n')).not.toContain('UrgentAlertsUndelivered');
    await expect(handle(record(5))).rejects.toBeInstanceOf(DeliveryFailedError);
    const urgent = metricLines().filter((line) => line.includes('UrgentAlertsUndelivered'));
    expect(urgent).toHaveLength(1);
    expect(JSON.parse(urgent[0] ?? '{}')).toMatchObject({
      service: 'pulse-relay-deliver-alerts',
      UrgentAlertsUndelivered: 1,
    });
  });

  it('refuses a body that is not an alert message (retried, then dead-lettered)', async () => {
    await expect(
      createDeliverRecordHandler(deps, logger())({ ...record(1), body: '{"memberId":"m-abc"}' }),
    ).rejects.toThrow();
    expect(mail.sent).toHaveLength(0);
  });
});
