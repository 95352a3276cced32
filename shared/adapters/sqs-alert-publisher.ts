import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Alert } from '../domain/alert.js';
import { resolvedNoticeId, toFifoSafeId } from '../domain/alerts/alert-key.js';
import type { AlertPublisher } from '../domain/ports/alert-publisher.js';

/**
 * Sends alerts to the care-team FIFO queue. Group = member, so one member's alerts arrive in order and
 * members do not block each other. Dedupe id = alert key (the resolved notice: `<alertKey>#resolved`),
 * so a repeated send within SQS's 5-minute window is dropped by the queue.
 */
export class SqsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(alert: Alert): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(alert),
        MessageGroupId: toFifoSafeId(alert.memberId),
        MessageDeduplicationId:
          alert.status === 'resolved' ? resolvedNoticeId(alert.alertKey) : alert.alertKey,
        MessageAttributes: {
          schemaVersion: { DataType: 'String', StringValue: alert.schemaVersion },
          rule: { DataType: 'String', StringValue: alert.rule },
          severity: { DataType: 'String', StringValue: alert.severity },
          status: { DataType: 'String', StringValue: alert.status },
        },
      }),
    );
  }
}
