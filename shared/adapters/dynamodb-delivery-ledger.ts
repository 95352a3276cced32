import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger, DeliveryRecord } from '../domain/ports/delivery-ledger.js';
import { deliveryKey } from './table-keys.js';

/** Delivery records beside the member's alerts in the alerts table. */
export class DynamoDbDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async wasDelivered(memberId: string, notificationId: string, target: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: deliveryKey(memberId, notificationId, target),
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async recordDelivered(record: DeliveryRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryKey(record.memberId, record.notificationId, record.target),
            type: 'delivery',
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Delivered twice (a retry after a crash): the first record stands.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}
