import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportAuditLog, ExportAuditRecord } from '../domain/ports/export-audit-log.js';
import { exportAuditKey } from './table-keys.js';

/** Export audit records beside the member's alerts; never overwritten. */
export class DynamoDbExportAuditLog implements ExportAuditLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: ExportAuditRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...exportAuditKey(entry.memberId, entry.at, entry.staffId), type: 'export-audit', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
