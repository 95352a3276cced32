import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { queueDepth, receiveAll } from '../support/queue-messages.js';
import { waitUntil } from '../support/wait-until.js';

let stack: IsolatedStack;
beforeAll(async () => {
  // A 1 s visibility timeout makes redrive after maxReceiveCount (5) take seconds, not minutes.
  stack = await createIsolatedStack({ visibilityTimeoutSeconds: 1 });
});
afterAll(async () => {
  await stack.stop();
});

describe('SQS runner', () => {
  it('builds SQS records and deletes the messages of a successful batch', async () => {
    const records: SQSRecord[] = [];
    const queue = stack.resources.queues.syncJobs;
    const runner = await stack.startQueueRunner({
      queueUrl: queue.url,
      functionName: 'sync-worker',
      handler: async (event: SQSEvent) => {
        records.push(...event.Records);
      },
      batchSize: 10,
    });
    await stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"memberId":"m-1"}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'reconcile' } },
      }),
    );

    await waitUntil(() => records.length === 1);
    await waitUntil(async () => (await queueDepth(stack.sqs, queue.url)) === 0, { description: 'deletion' });
    await runner.stop();

    expect(records[0]).toMatchObject({
      body: '{"memberId":"m-1"}',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'eu-west-2',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: { kind: { stringValue: 'reconcile', dataType: 'String' } },
    });
    expect(records[0]?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    expect(records[0]?.receiptHandle).not.toBe('');
  });

  it('passes MessageGroupId for FIFO queues', async () => {
    const records: SQSRecord[] = [];
    const queue = stack.resources.queues.alerts;
    const runner = await stack.startQueueRunner({
      queueUrl: queue.url,
      functionName: 'care-team-inbox',
      handler: async (event: SQSEvent) => {
        records.push(...event.Records);
      },
    });
    await stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"alert":1}',
        MessageGroupId: 'member-1',
        MessageDeduplicationId: 'member-1#rule#episode',
      }),
    );

    await waitUntil(() => records.length === 1);
    await runner.stop();

    expect(records[0]?.attributes).toMatchObject({
      MessageGroupId: 'member-1',
      MessageDeduplicationId: 'member-1#rule#episode',
    });
  });

  it('sends a poison message to the DLQ after exactly maxReceiveCount receives and processes the rest', async () => {
    const queue = stack.resources.queues.syncJobs;
    const processed: string[] = [];
    const poisonReceiveCounts: string[] = [];
    const runner = await stack.startQueueRunner({
      queueUrl: queue.url,
      functionName: 'sync-worker',
      batchSize: 10,
      handler: async (event: SQSEvent) => {
        const batchItemFailures: { itemIdentifier: string }[] = [];
        for (const record of event.Records) {
          if (record.body === 'poison') {
            poisonReceiveCounts.push(record.attributes.ApproximateReceiveCount);
            batchItemFailures.push({ itemIdentifier: record.messageId });
          } else {
            processed.push(record.body);
          }
        }
        return { batchItemFailures };
      },
    });
    await stack.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ['job-1', 'poison', 'job-2', 'job-3'].map((body, index) => ({
          Id: String(index),
          MessageBody: body,
        })),
      }),
    );

    const deadLetters = await receiveAll(stack.sqs, stack.resources.queues.syncJobsDlq.url, {
      expected: 1,
      timeoutMs: 20_000,
    });
    await runner.stop();

    expect(deadLetters.map((message) => message.Body)).toEqual(['poison']);
    expect(poisonReceiveCounts).toEqual(['1', '2', '3', '4', '5']);
    expect(processed.sort()).toEqual(['job-1', 'job-2', 'job-3']);
    expect(await queueDepth(stack.sqs, queue.url)).toBe(0);
  });

  it('deletes nothing when the handler throws, so the whole batch is received again', async () => {
    const queue = stack.resources.queues.syncJobs;
    const receiveCounts: string[] = [];
    const runner = await stack.startQueueRunner({
      queueUrl: queue.url,
      functionName: 'sync-worker',
      handler: async (event: SQSEvent) => {
        receiveCounts.push(...event.Records.map((record) => record.attributes.ApproximateReceiveCount));
        if (receiveCounts.length === 1) throw new Error('transient');
      },
      log: () => undefined,
    });
    await stack.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'flaky' }));

    await waitUntil(() => receiveCounts.length === 2, { timeoutMs: 10_000 });
    await waitUntil(async () => (await queueDepth(stack.sqs, queue.url)) === 0);
    await runner.stop();

    expect(receiveCounts).toEqual(['1', '2']);
  });
});
