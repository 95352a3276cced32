import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ThresholdAuditStore, ThresholdChange } from '../domain/ports/threshold-store.js';
import type { ThresholdOverrides } from '../domain/thresholds.js';
import { THRESHOLD_HISTORY_PREFIX, thresholdHistoryKey, thresholdsKey } from './table-keys.js';

const toChange = (item: Record<string, unknown>): ThresholdChange => ({
  overrides: (item.overrides ?? {}) as ThresholdOverrides,
  setBy: String(item.setBy),
  reason: String(item.reason),
  reviewBy: String(item.reviewBy),
  setAt: String(item.setAt),
  disabledRules: Array.isArray(item.disabledRules) ? item.disabledRules.map(String) : [],
});

/**
 * Per-member overrides only; defaults live in code (shared/domain/thresholds.ts) so they are reviewable.
 * The current set is one item (sk THRESHOLDS); each change is also kept for good as its own history item
 * (sk THRESHOLDS#HISTORY#<setAt>), written in the same transaction so the audit can never miss a change.
 */
export class DynamoDbThresholdStore implements ThresholdAuditStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getOverrides(memberId: string): Promise<ThresholdOverrides | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: thresholdsKey(memberId) }),
    );
    return Item?.overrides as ThresholdOverrides | undefined;
  }

  async getCurrent(memberId: string): Promise<ThresholdChange | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: thresholdsKey(memberId) }),
    );
    return Item === undefined || Item.setBy === undefined ? undefined : toChange(Item);
  }

  async setOverrides(memberId: string, change: ThresholdChange): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...thresholdsKey(memberId), type: 'thresholds', ...change, updatedAt: change.setAt },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...thresholdHistoryKey(memberId, change.setAt), type: 'threshold-change', ...change },
              // History is append-only: a second change in the same millisecond fails rather than overwrites.
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  }

  async listHistory(memberId: string): Promise<ThresholdChange[]> {
    const changes: ThresholdChange[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': thresholdsKey(memberId).pk,
          ':prefix': THRESHOLD_HISTORY_PREFIX,
        },
        ScanIndexForward: false,
      },
    );
    for await (const page of pages) changes.push(...(page.Items ?? []).map(toChange));
    return changes;
  }
}
