import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import type { Alert, AlertNotification } from '../../../shared/domain/alert.js';

const QUEUE_URL = 'http://sqs.eu-west-2.localhost/000000000000/alerts.fifo';
const client = new SQSClient({ region: 'eu-west-2' });
const sqs = mockClient(client);
const publisher = new SqsAlertPublisher(client, QUEUE_URL);

const KEY = 'm-1#wearable-no-data#2026-11-17T08:00:00.000Z';
const raised: AlertNotification = {
  kind: 'raised',
  at: '2026-11-20T08:00:00.000Z',
  dedupeId: `${KEY}#raised-0`,
  severity: 'watch',
  tier: 1,
};
const alert: Alert = {
  schemaVersion: '1.1',
  alertKey: KEY,
  memberId: 'm-1',
  rule: 'wearable-no-data',
  severity: 'watch',
  tier: 1,
  episode: '2026-11-17T08:00:00.000Z',
  raisedAt: '2026-11-20T08:00:00.000Z',
  status: 'open',
  readings: [],
  thresholds: { wearableDays: 3 },
  explanation: 'No data.',
  guidance: { name: 'n', reference: 'https://support.google.com/fitbit/' },
  qualityFlags: [],
  notifications: [raised],
  revision: 1,
};

const attributes = (status: string, kind: string) => ({
  schemaVersion: { DataType: 'String', StringValue: '1.1' },
  rule: { DataType: 'String', StringValue: 'wearable-no-data' },
  severity: { DataType: 'String', StringValue: 'watch' },
  status: { DataType: 'String', StringValue: status },
  notification: { DataType: 'String', StringValue: kind },
});

describe('SqsAlertPublisher', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'id' });
  });

  it('sends the alert with the notification it is, grouped by member, deduplicated per notification', async () => {
    await publisher.publish(alert, raised);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify({
        ...alert,
        notification: { kind: 'raised', at: raised.at, dedupeId: `${KEY}#raised-0` },
      }),
      MessageGroupId: 'm-1',
      MessageDeduplicationId: `${KEY}#raised-0`,
      MessageAttributes: attributes('open', 'raised'),
    });
  });

  it('gives a reminder and a resolved notice their own dedupe ids', async () => {
    const reminder = { ...raised, kind: 'reminder' as const, dedupeId: `${KEY}#reminder-1` };
    const resolved = { ...raised, kind: 'resolved' as const, dedupeId: `${KEY}#resolved-2` };
    await publisher.publish(alert, reminder);
    await publisher.publish(
      { ...alert, status: 'resolved', resolvedAt: '2026-11-21T08:00:00.000Z' },
      resolved,
    );
    const calls = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.MessageDeduplicationId)).toEqual([
      `${KEY}#reminder-1`,
      `${KEY}#resolved-2`,
    ]);
    expect(calls[1]?.MessageAttributes).toEqual(attributes('resolved', 'resolved'));
  });

  it('passes a queue failure on, so the caller does not record the notification as sent', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('throttled'));
    await expect(publisher.publish(alert, raised)).rejects.toThrow('throttled');
  });
});
