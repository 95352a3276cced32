import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger, DeliveryRecord, SettledDelivery } from '../domain/ports/delivery-ledger.js';
import { deliveryKey } from './table-keys.js';

/**
 * Kept past the queue's longest retention (14 days), after which no copy of the message can come back;
 * then DynamoDB's TTL removes the record (it names a staff address, so it is not kept for ever).
 */
export const DELIVERY_RECORD_DAYS = 30;

/** Delivery records in the directory table, DELIVERY#<memberId> partitions (see table-keys.ts). */
export class DynamoDbDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async settled(
    memberId: string,
    notificationId: string,
    target: string,
  ): Promise<SettledDelivery | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: deliveryKey(memberId, notificationId, target),
        ConsistentRead: true,
      }),
    );
    return Item?.outcome === 'delivered' || Item?.outcome === 'refused' ? Item.outcome : undefined;
  }

  async record(record: DeliveryRecord): Promise<void> {
    const ttl = Math.floor(Date.parse(record.at) / 1000) + DELIVERY_RECORD_DAYS * 86_400;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryKey(record.memberId, record.notificationId, record.target),
            type: 'delivery',
            ...record,
            ttl,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Settled twice (a retry after a crash): the first record stands.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}
