import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../domain/audit-record.js';
import type { AuditLog } from '../domain/ports/audit-log.js';
import * as z from '../domain/zod-mini.js';
import { auditKey, auditPartition } from './table-keys.js';

const auditItemSchema = z.object({
  memberId: z.string(),
  action: z.enum([
    'device-registered',
    'device-revoked',
    'device-rotated',
    'invitation-cancelled',
    'member-erased',
  ]),
  at: z.string(),
  by: z.string(),
  subjectId: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});

/** The directory item for an audit record; used alone or inside a transaction with the change it records. */
export const auditItem = (record: AuditRecord) => ({
  ...auditKey(record.memberId, record.at, record.action, record.subjectId),
  type: 'audit',
  ...record,
});

/** Append-only audit records in the directory table, one partition per member. */
export class DynamoDbAuditLog implements AuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(record: AuditRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: auditItem(record) }));
  }

  async list(memberId: string): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditPartition(memberId) },
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) records.push(auditItemSchema.parse(item));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return records;
  }
}
