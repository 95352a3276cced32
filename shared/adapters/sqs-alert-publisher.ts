import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Alert, AlertNotification } from '../domain/alert.js';
import { toFifoSafeId } from '../domain/alerts/alert-key.js';
import type { AlertPublisher } from '../domain/ports/alert-publisher.js';

/**
 * Sends alert notifications to the care-team FIFO queue. Group = member, so one member's alerts arrive in
 * order and members do not block each other. Dedupe id = the notification's own id (alert key + kind +
 * position), so a repeated send of the same notification within SQS's 5-minute window is dropped, while a
 * reminder or escalation of the same alert is a new message.
 */
export class SqsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(alert: Alert, notification: AlertNotification): Promise<void> {
    const message: Alert = {
      ...alert,
      notification: { kind: notification.kind, at: notification.at, dedupeId: notification.dedupeId },
    };
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: toFifoSafeId(alert.memberId),
        MessageDeduplicationId: notification.dedupeId,
        MessageAttributes: {
          schemaVersion: { DataType: 'String', StringValue: alert.schemaVersion },
          rule: { DataType: 'String', StringValue: alert.rule },
          severity: { DataType: 'String', StringValue: alert.severity },
          status: { DataType: 'String', StringValue: alert.status },
          notification: { DataType: 'String', StringValue: notification.kind },
        },
      }),
    );
  }
}
