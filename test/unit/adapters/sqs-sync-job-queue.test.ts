import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsSyncJobQueue, SyncJobsNotSentError } from '../../../shared/adapters/sqs-sync-job-queue.js';
import type { SyncJob } from '../../../shared/domain/sync-job.js';

const QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/000000000000/sync-jobs';
const sqs = mockClient(SQSClient);
const jobs = (count: number): SyncJob[] =>
  Array.from({ length: count }, (_, index) => ({ memberId: `m-${index}`, reason: 'catch-up' }));

describe('SqsSyncJobQueue', () => {
  beforeEach(() => sqs.reset());

  it('sends jobs in batches of ten, each body the validated job', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    await new SqsSyncJobQueue(new SQSClient({}), QUEUE_URL).send(jobs(12));

    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([
      {
        QueueUrl: QUEUE_URL,
        Entries: jobs(10).map((job, index) => ({ Id: String(index), MessageBody: JSON.stringify(job) })),
      },
      {
        QueueUrl: QUEUE_URL,
        Entries: jobs(12)
          .slice(10)
          .map((job, index) => ({ Id: String(index), MessageBody: JSON.stringify(job) })),
      },
    ]);
  });

  it('resends only the entries SQS reports failed, and throws if they fail again', async () => {
    const failed = { Id: '1', Code: 'InternalError', SenderFault: false };
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [failed] })
      .resolves({ Failed: [failed] });

    await expect(new SqsSyncJobQueue(new SQSClient({}), QUEUE_URL).send(jobs(2))).rejects.toBeInstanceOf(
      SyncJobsNotSentError,
    );
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls[1]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      Entries: [{ Id: '1', MessageBody: JSON.stringify({ memberId: 'm-1', reason: 'catch-up' }) }],
    });
  });
});
