import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ThresholdStore } from '../domain/ports/threshold-store.js';
import type { ThresholdOverrides } from '../domain/thresholds.js';
import { thresholdsKey } from './table-keys.js';

/** Per-member overrides only; defaults live in code (shared/domain/thresholds.ts) so they are reviewable. */
export class DynamoDbThresholdStore implements ThresholdStore {
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

  async setOverrides(memberId: string, overrides: ThresholdOverrides): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...thresholdsKey(memberId),
          type: 'thresholds',
          overrides,
          updatedAt: new Date().toISOString(),
        },
      }),
    );
  }
}
