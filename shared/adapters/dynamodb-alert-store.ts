import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Alert } from '../domain/alert.js';
import { alertMessageSchema } from '../domain/alerts/alert-message-schema.js';
import type { AlertStore } from '../domain/ports/alert-store.js';
import { ALERTS_INDEX, alertKeyOf } from './table-keys.js';

/** Thrown when an update targets an alert that was never stored. */
export class AlertNotFoundError extends Error {
  constructor(readonly alertKey: string) {
    super(`Alert ${alertKey} is not stored`);
    this.name = 'AlertNotFoundError';
  }
}

const ALERT_SK_PREFIX = 'ALERT#';

/** Strips the table's key attributes and checks the record is still a valid alert. */
const toAlert = (item: Record<string, unknown>): Alert => {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...alert } = item;
  return alertMessageSchema.parse(alert);
};

/**
 * Alerts table: pk = MEMBER#<memberId>, sk = ALERT#<alertKey>; gsi1 (gsi1pk = ALERTS, gsi1sk = raisedAt#alertKey)
 * lists every alert newest first. One alert per key, enforced by attribute_not_exists(pk).
 */
export class DynamoDbAlertStore implements AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(alert: Alert): Promise<{ created: boolean; stored: Alert }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...alertKeyOf(alert.memberId, alert.alertKey),
            gsi1pk: ALERTS_INDEX.partitionValue,
            gsi1sk: `${alert.raisedAt}#${alert.alertKey}`,
            ...alert,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { created: true, stored: alert };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) {
        throw error;
      }
      const existing = error.Item === undefined ? await this.get(alert) : toAlert(unmarshall(error.Item));
      return { created: false, stored: existing };
    }
  }

  async markPublished(memberId: string, alertKey: string, publishedAt: string): Promise<void> {
    await this.update(alertKey, {
      TableName: this.tableName,
      Key: alertKeyOf(memberId, alertKey),
      // Keep the first publish time: a resend after a crash does not rewrite history.
      UpdateExpression: 'SET publishedAt = if_not_exists(publishedAt, :publishedAt)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':publishedAt': publishedAt },
    });
  }

  async resolve(memberId: string, alertKey: string, resolvedAt: string): Promise<void> {
    await this.update(alertKey, {
      TableName: this.tableName,
      Key: alertKeyOf(memberId, alertKey),
      UpdateExpression: 'SET #status = :resolved, resolvedAt = if_not_exists(resolvedAt, :resolvedAt)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':resolved': 'resolved', ':resolvedAt': resolvedAt },
    });
  }

  /**
   * With memberId: that member's alerts (one partition, sorted newest first in memory; a member has
   * tens of alerts, not thousands). Without: all alerts from gsi1, newest first.
   */
  async list(query: { memberId?: string; limit?: number }): Promise<Alert[]> {
    if (query.memberId === undefined) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ALERTS_INDEX.name,
          KeyConditionExpression: 'gsi1pk = :alerts',
          ExpressionAttributeValues: { ':alerts': ALERTS_INDEX.partitionValue },
          ScanIndexForward: false,
          Limit: query.limit ?? 100,
        }),
      );
      return (result.Items ?? []).map(toAlert);
    }
    const alerts = await this.queryMember({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': alertKeyOf(query.memberId, '').pk, ':prefix': ALERT_SK_PREFIX },
    });
    alerts.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    return alerts.slice(0, query.limit ?? 100);
  }

  async listOpen(memberId: string, rule: string): Promise<Alert[]> {
    return this.queryMember({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :open AND #rule = :rule',
      ExpressionAttributeNames: { '#status': 'status', '#rule': 'rule' },
      ExpressionAttributeValues: {
        ':pk': alertKeyOf(memberId, '').pk,
        ':prefix': ALERT_SK_PREFIX,
        ':open': 'open',
        ':rule': rule,
      },
    });
  }

  private async get(alert: Alert): Promise<Alert> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: alertKeyOf(alert.memberId, alert.alertKey),
        ConsistentRead: true,
      }),
    );
    if (result.Item === undefined) {
      throw new AlertNotFoundError(alert.alertKey);
    }
    return toAlert(result.Item);
  }

  private async queryMember(input: QueryCommandInput): Promise<Alert[]> {
    const alerts: Alert[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...input,
          ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
        }),
      );
      alerts.push(...(page.Items ?? []).map(toAlert));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return alerts;
  }

  private async update(
    alertKey: string,
    input: ConstructorParameters<typeof UpdateCommand>[0],
  ): Promise<void> {
    try {
      await this.client.send(new UpdateCommand(input));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new AlertNotFoundError(alertKey);
      }
      throw error;
    }
  }
}
