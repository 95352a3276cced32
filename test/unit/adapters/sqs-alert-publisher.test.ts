import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import type { Alert } from '../../../shared/domain/alert.js';

const QUEUE_URL = 'http://sqs.eu-west-2.localhost/000000000000/alerts.fifo';
const client = new SQSClient({ region: 'eu-west-2' });
const sqs = mockClient(client);
const publisher = new SqsAlertPublisher(client, QUEUE_URL);

const alert: Alert = {
  schemaVersion: '1.0',
  alertKey: 'm-1#wearable-no-data#2026-11-17T08:00:00.000Z',
  memberId: 'm-1',
  rule: 'wearable-no-data',
  severity: 'watch',
  episode: '2026-11-17T08:00:00.000Z',
  raisedAt: '2026-11-20T08:00:00.000Z',
  status: 'open',
  readings: [],
  thresholds: { wearableDays: 3 },
  explanation: 'No data.',
  guidance: { name: 'n', reference: 'r' },
  qualityFlags: [],
};

const attributes = (status: string) => ({
  schemaVersion: { DataType: 'String', StringValue: '1.0' },
  rule: { DataType: 'String', StringValue: 'wearable-no-data' },
  severity: { DataType: 'String', StringValue: 'watch' },
  status: { DataType: 'String', StringValue: status },
});

describe('SqsAlertPublisher', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'id' });
  });

  it('sends the alert JSON grouped by member, deduplicated by alert key', async () => {
    await publisher.publish(alert);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify(alert),
      MessageGroupId: 'm-1',
      MessageDeduplicationId: 'm-1#wearable-no-data#2026-11-17T08:00:00.000Z',
      MessageAttributes: attributes('open'),
    });
  });

  it('gives a resolved notice its own dedupe id', async () => {
    const resolved: Alert = { ...alert, status: 'resolved', resolvedAt: '2026-11-21T09:00:00.000Z' };
    await publisher.publish(resolved);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify(resolved),
      MessageGroupId: 'm-1',
      MessageDeduplicationId: 'm-1#wearable-no-data#2026-11-17T08:00:00.000Z#resolved',
      MessageAttributes: attributes('resolved'),
    });
  });

  it('propagates send failures so the caller retries', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('unavailable'));
    await expect(publisher.publish(alert)).rejects.toThrow('unavailable');
  });
});
