import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type SyncJob, syncJobSchema } from '../domain/sync-job.js';

/** Sends a sync job to the (standard) sync-jobs queue, validated against the shared schema first. */
export class SqsSyncJobSender {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(job: SyncJob): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(syncJobSchema.parse(job)),
      }),
    );
  }
}
