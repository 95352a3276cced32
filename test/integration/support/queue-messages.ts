import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface ReceiveAllOptions {
  /** Keep receiving until this many messages arrived (or the timeout). Default: until the queue is empty. */
  readonly expected?: number;
  readonly timeoutMs?: number;
  /** Delete what was received, so a later call does not see it again. Default true. */
  readonly deleteAfterReceive?: boolean;
}

/** Drains a queue: receives (and by default deletes) messages until `expected` arrived or none are left. */
export const receiveAll = async (
  sqs: SQSClient,
  queueUrl: string,
  options: ReceiveAllOptions = {},
): Promise<Message[]> => {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const messages: Message[] = [];
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...Messages);
    if (options.deleteAfterReceive !== false && Messages.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    if (options.expected === undefined ? Messages.length === 0 : messages.length >= options.expected) break;
  }
  return messages;
};

/** Visible plus in-flight plus delayed messages, from the queue's approximate counters. */
export const queueDepth = async (sqs: SQSClient, queueUrl: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
  );
};
