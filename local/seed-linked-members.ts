import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { linksIndexPartition } from '../shared/adapters/dynamodb-link-item.js';
import { linkKey } from '../shared/adapters/table-keys.js';
import type { LinkState } from '../shared/domain/wearable-link.js';

export interface SeededLink {
  memberId: string;
  state: LinkState;
  /** When the member was last heard from (sync and data). */
  lastHeardAt: string;
}

/** DynamoDB takes 25 puts per BatchWriteItem. */
const BATCH = 25;
const IN_FLIGHT = 8;

/**
 * Writes link items straight into the directory table, in the shape DynamoDbLinkStore reads (no tokens),
 * for load tests of the catch-up fan-out. Unprocessed items are written again until none are left.
 */
export const seedLinks = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  links: readonly SeededLink[],
): Promise<void> => {
  const batches: SeededLink[][] = [];
  for (let start = 0; start < links.length; start += BATCH) batches.push(links.slice(start, start + BATCH));
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
      let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] =
        batch.map((link) => ({
          PutRequest: {
            Item: {
              ...linkKey(link.memberId),
              type: 'link',
              gsi1pk: linksIndexPartition(link.state),
              gsi1sk: link.memberId,
              memberId: link.memberId,
              provider: 'google-health',
              state: link.state,
              healthUserId: `health-${link.memberId}`,
              timezone: 'Europe/London',
              linkedAt: '2026-01-01T00:00:00.000Z',
              cursors: {},
              lastSyncAt: link.lastHeardAt,
              lastDataAt: link.lastHeardAt,
              tokenVersion: 1,
            },
          },
        }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
};
