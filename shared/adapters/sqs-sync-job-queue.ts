import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type QueuedSyncJob, queuedSyncJobSchema } from '../domain/google-health/notified-sync-job.js';
import type { SyncJobQueue } from '../domain/google-health/sync-job-queue.js';

export class SyncJobsNotSentError extends Error {
  constructor(readonly failed: number) {
    super(`${failed} sync jobs could not be sent to the queue`);
    this.name = 'SyncJobsNotSentError';
  }
}

/** SQS allows 10 entries per SendMessageBatch. */
const BATCH_LIMIT = 10;

/** Sends sync jobs in batches of 10; entries SQS reports as failed are sent once more, then it throws. */
export class SqsSyncJobQueue implements SyncJobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: readonly QueuedSyncJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += BATCH_LIMIT) {
      let entries = jobs.slice(start, start + BATCH_LIMIT).map((job, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(queuedSyncJobSchema.parse(job)),
      }));
      for (let attempt = 0; entries.length > 0; attempt += 1) {
        const result = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const failedIds = new Set((result.Failed ?? []).map((failure) => failure.Id));
        entries = entries.filter((entry) => failedIds.has(entry.Id));
        if (entries.length > 0 && attempt >= 1) throw new SyncJobsNotSentError(entries.length);
      }
    }
  }
}
