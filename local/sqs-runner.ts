import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

export interface SqsHandler {
  handler(event: SQSEvent, context: Context): unknown;
}

export interface SqsRunnerOptions {
  readonly queueUrl: string;
  readonly functionName: string;
  readonly handler: SqsHandler['handler'];
  /** fauxqs endpoint. */
  readonly endpoint: string;
  readonly batchSize?: number;
  /** Long-poll wait; short so stop() is quick. */
  readonly waitTimeSeconds?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface SqsRunner {
  /** Stops polling and waits for the batch in flight. Idempotent. */
  stop(): Promise<void>;
}

const toRecordAttributes = (attributes: Record<string, string> | undefined): SQSRecordAttributes => ({
  ApproximateReceiveCount: attributes?.ApproximateReceiveCount ?? '1',
  SentTimestamp: attributes?.SentTimestamp ?? String(Date.now()),
  SenderId: attributes?.SenderId ?? '000000000000',
  ApproximateFirstReceiveTimestamp: attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  ...(attributes?.SequenceNumber === undefined ? {} : { SequenceNumber: attributes.SequenceNumber }),
  ...(attributes?.MessageGroupId === undefined ? {} : { MessageGroupId: attributes.MessageGroupId }),
  ...(attributes?.MessageDeduplicationId === undefined
    ? {}
    : { MessageDeduplicationId: attributes.MessageDeduplicationId }),
  ...(attributes?.AWSTraceHeader === undefined ? {} : { AWSTraceHeader: attributes.AWSTraceHeader }),
});

const base64 = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('base64');

/** Lambda's camel-cased message attribute shape. */
const toMessageAttributes = (
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes => {
  const mapped: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    mapped[name] = {
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      ...(value.BinaryValue === undefined ? {} : { binaryValue: base64(value.BinaryValue) }),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((bytes) => Buffer.from(bytes).toString('base64')),
      dataType: value.DataType ?? 'String',
    };
  }
  return mapped;
};

const toSqsRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: toRecordAttributes(message.Attributes),
  messageAttributes: toMessageAttributes(message.MessageAttributes),
  md5OfBody: message.MD5OfBody ?? '',
  ...(message.MD5OfMessageAttributes === undefined
    ? {}
    : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: queueArn.split(':')[3] ?? LOCAL_REGION,
});

/** Message ids the handler reported as failed; undefined means the whole batch failed. */
const failedMessageIds = (records: readonly SQSRecord[], result: unknown): Set<string> | undefined => {
  const failures =
    typeof result === 'object' && result !== null && 'batchItemFailures' in result
      ? result.batchItemFailures
      : [];
  if (!Array.isArray(failures)) return new Set();
  const ids = new Set<string>();
  for (const failure of failures) {
    const identifier =
      typeof failure === 'object' && failure !== null && 'itemIdentifier' in failure
        ? failure.itemIdentifier
        : undefined;
    // Lambda treats an unknown or empty identifier as a failure of the whole batch.
    if (typeof identifier !== 'string' || !records.some((record) => record.messageId === identifier)) {
      return undefined;
    }
    ids.add(identifier);
  }
  return ids;
};

/**
 * Long-polls a queue and invokes a handler as Lambda's SQS event source mapping does with
 * ReportBatchItemFailures: successes are deleted, failures stay for the visibility timeout and
 * the queue's redrive policy moves them to the DLQ after maxReceiveCount receives.
 */
export const startSqsRunner = async (options: SqsRunnerOptions): Promise<SqsRunner> => {
  const batchSize = options.batchSize ?? 10;
  const waitTimeSeconds = options.waitTimeSeconds ?? 1;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const sqs = new SQSClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const described = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: options.queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = described.Attributes?.QueueArn ?? options.queueUrl;
  let stopped = false;

  const deleteMessages = async (records: readonly SQSRecord[]) => {
    for (let start = 0; start < records.length; start += 10) {
      const chunk = records.slice(start, start + 10);
      const result = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: chunk.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
        }),
      );
      if ((result.Failed ?? []).length > 0)
        log(`${options.functionName}: some deletes failed`, result.Failed);
    }
  };

  const pollOnce = async () => {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return;
    const records = messages.map((message) => toSqsRecord(message, queueArn));
    let failed: Set<string> | undefined;
    try {
      const result = await options.handler({ Records: records }, createLambdaContext(options.functionName));
      failed = failedMessageIds(records, result);
    } catch (error) {
      log(`${options.functionName} threw on an SQS batch of ${records.length}`, error);
      failed = undefined;
    }
    if (failed === undefined) return;
    const failedIds = failed;
    await deleteMessages(records.filter((record) => !failedIds.has(record.messageId)));
  };

  const loop = async () => {
    while (!stopped) {
      try {
        await pollOnce();
      } catch (error) {
        if (!stopped) {
          log(`${options.functionName}: SQS polling failed`, error);
          await sleep(200);
        }
      }
    }
  };
  const running = loop();

  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        stopped = true;
        await running;
        sqs.destroy();
      })();
      return stopping;
    },
  };
};
