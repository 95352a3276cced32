import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { awsEnvironmentFor, createResources, environmentFor, sqsClientFor } from '../local/resources.js';
import { seedLinks } from '../local/seed-linked-members.js';
import { startSqsEmulator } from '../local/sqs-emulator.js';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../shared/adapters/dynamodb-link-store.js';
import { SqsSyncJobQueue } from '../shared/adapters/sqs-sync-job-queue.js';
import { systemClock } from '../shared/domain/clock.js';
import { queueCatchUpSyncs } from '../shared/domain/google-health/queue-catch-up-syncs.js';

export interface FanOutFigure {
  members: number;
  /** From the first directory page read until SQS accepted the last member's sync job. */
  seconds: number;
  /** Distinct members found on the queue afterwards, and jobs found twice (must be members and 0). */
  distinctQueued: number;
  duplicates: number;
}

const countQueued = async (sqs: ReturnType<typeof sqsClientFor>, queueUrl: string) => {
  const seen = new Map<string, number>();
  for (let empty = 0; empty < 3; ) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) {
      empty += 1;
      continue;
    }
    for (const message of Messages) {
      const { memberId } = JSON.parse(message.Body ?? '{}') as { memberId: string };
      seen.set(memberId, (seen.get(memberId) ?? 0) + 1);
    }
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
  const duplicates = [...seen.values()].reduce((sum, count) => sum + count - 1, 0);
  return { distinct: seen.size, duplicates };
};

/**
 * The catch-up schedule's fan-out at scale: N linked members, all due a catch-up sync, in DynamoDB Local;
 * the schedule's first pass (queueCatchUpSyncs: directory pages -> SendMessageBatch) runs once against the
 * queue emulator, with nothing consuming the queue. Afterwards the queue is drained to prove every member
 * was queued exactly once.
 */
export const measureCatchUpFanOut = async (members = 10_000): Promise<FanOutFigure> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const [dynamoDb, sqsEmulator] = await Promise.all([startDynamoDbLocal(), startSqsEmulator()]);
  try {
    const endpoints = { dynamoDb: dynamoDb.endpoint, sqs: sqsEmulator.endpoint };
    const resources = await createResources({ endpoints, prefix: 'bench-fanout' });
    Object.assign(process.env, awsEnvironmentFor(endpoints), environmentFor(resources));
    const sqs = sqsClientFor(endpoints);
    const stale = new Date(Date.now() - 12 * 3_600_000).toISOString();
    await seedLinks(
      createDocumentClient(),
      resources.tables.directory,
      Array.from({ length: members }, (_, index) => ({
        memberId: `fan-${String(index).padStart(6, '0')}`,
        state: 'linked' as const,
        lastHeardAt: stale,
      })),
    );
    // The catch-up handler's first pass, with the adapters its composition builds.
    const startedAt = performance.now();
    const result = await queueCatchUpSyncs({
      links: new DynamoDbLinkStore(createDocumentClient(), resources.tables.directory),
      queue: new SqsSyncJobQueue(sqs, resources.queues.syncJobs.url),
      clock: systemClock,
    });
    const finishedAt = performance.now();
    if (result.queued !== members) throw new Error(`catch-up queued ${result.queued} of ${members}`);
    const { distinct, duplicates } = await countQueued(sqs, resources.queues.syncJobs.url);
    return {
      members,
      seconds: round((finishedAt - startedAt) / 1000),
      distinctQueued: distinct,
      duplicates,
    };
  } finally {
    await sqsEmulator.stop();
    await dynamoDb.stop();
  }
};

const round = (value: number) => Math.round(value * 10) / 10;
