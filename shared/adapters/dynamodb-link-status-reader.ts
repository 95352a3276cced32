import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkStatus, LinkStatusReader } from '../domain/ports/link-status-reader.js';
import * as z from '../domain/zod-mini.js';
import { linkKey } from './table-keys.js';

const linkStatusSchema = z.object({
  state: z.enum(['linked', 'needs-relink', 'unlinked']),
  linkedAt: z.string(),
  lastDataAt: z.optional(z.string()),
  refusedTypes: z.optional(z.array(z.string())),
});

/**
 * The link item's status attributes only (a projection): the console never receives the sealed OAuth
 * tokens, and does not load the whole link store to show four fields.
 */
export class DynamoDbLinkStatusReader implements LinkStatusReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async status(memberId: string): Promise<LinkStatus | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: linkKey(memberId),
        ProjectionExpression: '#state, linkedAt, lastDataAt, refusedTypes',
        ExpressionAttributeNames: { '#state': 'state' },
      }),
    );
    if (Item === undefined) return undefined;
    const { refusedTypes, lastDataAt, ...status } = linkStatusSchema.parse(Item);
    return {
      ...status,
      ...(lastDataAt === undefined ? {} : { lastDataAt }),
      ...(refusedTypes === undefined ? {} : { refusedTypes }),
    };
  }
}
