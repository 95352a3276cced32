import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { AUDIT_ACTIONS, type AuditRecord } from '../domain/audit-record.js';
import type { AuditLog } from '../domain/ports/audit-log.js';
import * as z from '../domain/zod-mini.js';
import { auditKey, auditPartition } from './table-keys.js';

const auditItemSchema = z.object({
  memberId: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  at: z.string(),
  by: z.string(),
  subjectId: z.optional(z.string()),
  requestId: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});

/** The directory item for an audit record; used alone or inside a transaction with the change it records. */
export const auditItem = (record: AuditRecord) => ({
  ...auditKey(record.memberId, record.at, record.action, record.subjectId, record.requestId),
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
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': auditPartition(memberId) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) records.push(auditItemSchema.parse(item));
    }
    return records;
  }
}
