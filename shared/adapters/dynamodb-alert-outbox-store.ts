import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ALERT_SCHEMA_VERSION, type Alert } from '../domain/alert.js';
import { alertMessageSchema } from '../domain/alerts/alert-message-schema.js';
import type { AlertOutboxStore, CreateOutcome } from '../domain/ports/alert-outbox-store.js';
import { ALERTS_INDEX, alertKeyOf, OPEN_ALERTS_INDEX, openSlotKeyOf } from './table-keys.js';

export const ALERT_SK_PREFIX = 'ALERT#';

/**
 * Reads a stored alert. Records written before schema 1.1 are upgraded on read: their one send becomes
 * the `raised` notification, and revision 0 tells replace() that the item has no revision attribute yet.
 */
export const toAlert = (item: Record<string, unknown>): Alert => {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...alert } = item;
  if (alert.schemaVersion === '1.0') {
    const publishedAt = typeof alert.publishedAt === 'string' ? alert.publishedAt : undefined;
    const told = (kind: 'raised' | 'resolved', at: string, suffix: string) => ({
      kind,
      at,
      dedupeId: `${String(alert.alertKey)}${suffix}`.slice(0, 128),
      severity: alert.severity,
      tier: 1,
      publishedAt: at,
    });
    return alertMessageSchema.parse({
      ...alert,
      schemaVersion: ALERT_SCHEMA_VERSION,
      tier: 1,
      notifications: [
        ...(publishedAt === undefined ? [] : [told('raised', publishedAt, '')]),
        ...(publishedAt !== undefined && typeof alert.resolvedAt === 'string'
          ? [told('resolved', alert.resolvedAt, '#resolved')]
          : []),
      ],
      revision: 0,
    });
  }
  return alertMessageSchema.parse(alert);
};

const isSettled = (alert: Alert): boolean =>
  alert.status === 'resolved' && alert.notifications.every((n) => n.publishedAt !== undefined);

/**
 * Alerts table.
 * - Alert: pk = MEMBER#<memberId>, sk = ALERT#<alertKey>; gsi1 (gsi1pk = ALERTS, gsi1sk = raisedAt#alertKey)
 *   lists every alert newest first. Written only with conditions: attribute_not_exists on create, the
 *   previous `revision` on every replace (optimistic concurrency).
 * - Open slot: pk = MEMBER#<memberId>, sk = OPEN#<slot>, holding the alertKey; gsi1 (gsi1pk = OPEN-ALERTS)
 *   lists every open alert for the follow-up schedule. Created with the alert in one transaction
 *   (attribute_not_exists: one open episode per member and condition) and deleted with the write that
 *   settles the alert (resolved, every notice sent).
 * DynamoDbAlertStore extends this with the listings; raising alerts needs only this.
 * An alert is found by its key alone because the key starts with the member id (memberIdOfAlertKey).
 */
export class DynamoDbAlertOutboxStore implements AlertOutboxStore {
  constructor(
    protected readonly client: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async create(alert: Alert, slot: string): Promise<CreateOutcome> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: this.alertItem(alert),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: this.slotItem(alert, slot),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [alertReason, slotReason] = error.CancellationReasons ?? [];
      if (alertReason?.Code === 'ConditionalCheckFailed') return 'exists';
      if (slotReason?.Code === 'ConditionalCheckFailed') return 'slot-taken';
      // No reasons given: tell the two apart by reading.
      return (await this.get(alert.memberId, alert.alertKey)) === undefined ? 'slot-taken' : 'exists';
    }
  }

  async replace(alert: Alert, slot: string): Promise<boolean> {
    const previous = alert.revision - 1;
    const put = {
      TableName: this.tableName,
      Item: this.alertItem(alert),
      ConditionExpression: previous === 0 ? 'attribute_not_exists(revision)' : 'revision = :previous',
      ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
    };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            ...(isSettled(alert)
              ? [
                  {
                    Delete: {
                      TableName: this.tableName,
                      Key: openSlotKeyOf(alert.memberId, slot),
                      // Only our own slot: never free one that a later episode holds.
                      ConditionExpression: 'attribute_not_exists(pk) OR alertKey = :alertKey',
                      ExpressionAttributeValues: { ':alertKey': alert.alertKey },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async get(memberId: string, alertKey: string): Promise<Alert | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: alertKeyOf(memberId, alertKey),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : toAlert(Item);
  }

  async findBySlot(memberId: string, slot: string): Promise<Alert | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: openSlotKeyOf(memberId, slot), ConsistentRead: true }),
    );
    return typeof Item?.alertKey === 'string' ? this.get(memberId, Item.alertKey) : undefined;
  }

  private alertItem(alert: Alert): Record<string, unknown> {
    return {
      ...alertKeyOf(alert.memberId, alert.alertKey),
      gsi1pk: ALERTS_INDEX.partitionValue,
      gsi1sk: `${alert.raisedAt}#${alert.alertKey}`,
      ...alert,
    };
  }

  private slotItem(alert: Alert, slot: string): Record<string, unknown> {
    return {
      ...openSlotKeyOf(alert.memberId, slot),
      gsi1pk: OPEN_ALERTS_INDEX.partitionValue,
      gsi1sk: `${alert.memberId}#${slot}`,
      memberId: alert.memberId,
      alertKey: alert.alertKey,
    };
  }
}
