import { paginateQuery, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../domain/alert.js';
import type { AlertStore } from '../domain/ports/alert-store.js';
import { ALERT_SK_PREFIX, DynamoDbAlertOutboxStore, toAlert } from './dynamodb-alert-outbox-store.js';
import { ALERTS_INDEX, alertKeyOf, OPEN_ALERTS_INDEX } from './table-keys.js';

/** The alerts table (layout: dynamodb-alert-outbox-store.ts) with the listings: schedules, console and CLI. */
export class DynamoDbAlertStore extends DynamoDbAlertOutboxStore implements AlertStore {
  async listSlots(): Promise<Array<{ memberId: string; alertKey: string }>> {
    const slots: Array<{ memberId: string; alertKey: string }> = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: OPEN_ALERTS_INDEX.name,
        KeyConditionExpression: 'gsi1pk = :open',
        ExpressionAttributeValues: { ':open': OPEN_ALERTS_INDEX.partitionValue },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        slots.push({ memberId: String(item.memberId), alertKey: String(item.alertKey) });
      }
    }
    return slots;
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

  private async queryMember(input: QueryCommandInput): Promise<Alert[]> {
    const alerts: Alert[] = [];
    for await (const page of paginateQuery({ client: this.client }, { ...input })) {
      alerts.push(...(page.Items ?? []).map(toAlert));
    }
    return alerts;
  }
}
