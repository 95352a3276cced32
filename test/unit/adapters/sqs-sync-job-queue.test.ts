import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsSyncJobQueue } from '../../../shared/adapters/sqs-sync-job-queue.js';
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

  it('resends only the entries SQS reports failed, three sends in all, then throws', async () => {
    const failed = { Id: '1', Code: 'InternalError', SenderFault: false };
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [failed] });

    await expect(new SqsSyncJobQueue(new SQSClient({}), QUEUE_URL).send(jobs(2))).rejects.toMatchObject({
      name: 'SyncJobsNotSentError',
      failed: 1,
    });
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(3);
    for (const call of calls.slice(1)) {
      expect(call.args[0].input).toEqual({
        QueueUrl: QUEUE_URL,
        Entries: [{ Id: '1', MessageBody: JSON.stringify({ memberId: 'm-1', reason: 'catch-up' }) }],
      });
    }
  });

  it('delivers every job exactly once across many batches when a retry succeeds', async () => {
    const bodies: string[] = [];
    let calls = 0;
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string; MessageBody: string }[] }) => {
      calls += 1;
      // Every third call loses its first entry; the resend must carry just that one.
      const [first, ...rest] = input.Entries;
      if (calls % 3 === 0 && first !== undefined && input.Entries.length > 1) {
        bodies.push(...rest.map((entry) => entry.MessageBody));
        return { Failed: [{ Id: first.Id, Code: 'InternalError', SenderFault: false }] };
      }
      bodies.push(...input.Entries.map((entry) => entry.MessageBody));
      return { Failed: [] };
    });
    await new SqsSyncJobQueue(new SQSClient({}), QUEUE_URL).send(jobs(95));
    expect(bodies.map((body) => (JSON.parse(body) as SyncJob).memberId).sort()).toEqual(
      jobs(95)
        .map((job) => job.memberId)
        .sort(),
    );
  });
});
