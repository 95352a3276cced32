import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccessAuditEntry, AccessAuditLog } from '../domain/ports/access-audit-log.js';
import { auditKey } from './table-keys.js';

/** Audit entries in the directory table, one partition per member, oldest first by sort key. */
export class DynamoDbAccessAuditLog implements AccessAuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: AccessAuditEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...auditKey(entry.memberId, entry.at, entry.requestId, entry.action),
          type: 'audit',
          ...entry,
        },
      }),
    );
  }

  async listForMember(memberId: string, limit = 100): Promise<AccessAuditEntry[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditKey(memberId, '', '', '').pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => ({
      at: String(item.at),
      staffEmail: String(item.staffEmail),
      action: item.action as AccessAuditEntry['action'],
      memberId: String(item.memberId),
      requestId: String(item.requestId),
      ...(typeof item.detail === 'string' ? { detail: item.detail } : {}),
    }));
  }
}
