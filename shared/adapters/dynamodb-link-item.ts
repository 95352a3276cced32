import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkState, WearableLink } from '../domain/wearable-link.js';
import * as z from '../domain/zod-mini.js';
import { linkKey } from './table-keys.js';

/**
 * The link item in the directory table, shared by the adapters that read or write it (DynamoDbLinkStore
 * for sync and tokens, DynamoDbLinkRegistry for linking and unlinking), so they agree on its shape.
 */

/** Links are listed by state through the directory's gsi1: gsi1pk = LINKS#<state>, gsi1sk = memberId. */
export const linksIndexPartition = (state: LinkState): string => `LINKS#${state}`;

const sealedSchema = z.object({
  scheme: z.enum(['kms', 'local']),
  iv: z.string(),
  ciphertext: z.string(),
  authTag: z.string(),
  encryptedDataKey: z.optional(z.string()),
});

export const linkItemSchema = z.object({
  memberId: z.string(),
  provider: z.literal('google-health'),
  state: z.enum(['linked', 'needs-relink', 'unlinked']),
  healthUserId: z.string(),
  timezone: z.string(),
  linkedAt: z.string(),
  cursors: z.record(z.string(), z.string()),
  lastSyncAt: z.optional(z.string()),
  lastNotificationAt: z.optional(z.string()),
  lastDataAt: z.optional(z.string()),
  grantedTypes: z.optional(z.array(z.string())),
  refusedTypes: z.optional(z.array(z.string())),
  tokenVersion: z.int(),
  sealedTokens: z.optional(sealedSchema),
  refreshLeaseUntil: z.optional(z.string()),
});
export type LinkItem = z.infer<typeof linkItemSchema>;

/** The member's link item, read consistently (every caller goes on to a conditional write). */
export const readLinkItem = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  memberId: string,
): Promise<LinkItem | undefined> => {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: linkKey(memberId), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : linkItemSchema.parse(Item);
};

export const toLink = (item: LinkItem): WearableLink => ({
  memberId: item.memberId,
  provider: item.provider,
  state: item.state,
  healthUserId: item.healthUserId,
  timezone: item.timezone,
  linkedAt: item.linkedAt,
  cursors: item.cursors,
  ...(item.lastSyncAt === undefined ? {} : { lastSyncAt: item.lastSyncAt }),
  ...(item.lastNotificationAt === undefined ? {} : { lastNotificationAt: item.lastNotificationAt }),
  ...(item.lastDataAt === undefined ? {} : { lastDataAt: item.lastDataAt }),
  ...(item.grantedTypes === undefined ? {} : { grantedTypes: item.grantedTypes }),
  ...(item.refusedTypes === undefined ? {} : { refusedTypes: item.refusedTypes }),
});
