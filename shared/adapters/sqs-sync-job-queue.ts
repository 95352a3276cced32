import { setTimeout as sleep } from 'node:timers/promises';
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
/** Batches in flight at once: 10,000 members are 1,000 calls, which must not run one after another. */
const BATCHES_IN_FLIGHT = 8;
/** Sends of one batch: the first, then retries of only the entries SQS reported failed. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 50;

/**
 * Sends sync jobs in batches of 10, several batches at once. Entries SQS reports as failed are sent again
 * (up to 3 sends in all, short pause between); if some still fail it throws, after the other batches end.
 */
export class SqsSyncJobQueue implements SyncJobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(jobs: readonly QueuedSyncJob[]): Promise<void> {
    const batches: QueuedSyncJob[][] = [];
    for (let start = 0; start < jobs.length; start += BATCH_LIMIT) {
      batches.push(jobs.slice(start, start + BATCH_LIMIT));
    }
    let next = 0;
    let unsent = 0;
    const worker = async () => {
      for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
        unsent += await this.sendBatch(batch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, worker));
    if (unsent > 0) throw new SyncJobsNotSentError(unsent);
  }

  /** Returns how many entries could not be sent. */
  private async sendBatch(batch: readonly QueuedSyncJob[]): Promise<number> {
    let entries = batch.map((job, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(queuedSyncJobSchema.parse(job)),
    }));
    for (let attempt = 1; entries.length > 0; attempt += 1) {
      const result = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      const failedIds = new Set((result.Failed ?? []).map((failure) => failure.Id));
      entries = entries.filter((entry) => failedIds.has(entry.Id));
      if (entries.length > 0 && attempt >= ATTEMPTS) return entries.length;
      if (entries.length > 0) await sleep(RETRY_DELAY_MS * attempt);
    }
    return 0;
  }
}
