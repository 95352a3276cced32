import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
  type NewLink,
} from '../domain/link/link-registry.js';
import type { SealedTokens } from '../domain/ports/token-vault.js';
import type { WearableLink } from '../domain/wearable-link.js';
import { linksIndexPartition, readLinkItem } from './dynamodb-link-item.js';
import { healthUserKey, invitationKey, linkKey } from './table-keys.js';

const cancellationCodes = (error: TransactionCanceledException): (string | undefined)[] =>
  (error.CancellationReasons ?? []).map((reason) => reason.Code);

/**
 * Linking and unlinking a member's Google Health account in the directory table: the link item, the
 * account-to-member mapping and the invitation used, each written in one conditional transaction.
 */
export class DynamoDbLinkRegistry implements LinkRegistry {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createLink(link: NewLink): Promise<WearableLink> {
    const existing = await readLinkItem(this.client, this.tableName, link.memberId);
    if (existing?.state === 'linked' && existing.healthUserId !== link.healthUserId) {
      throw new MemberAlreadyLinkedError(link.memberId);
    }
    const sameAccount = existing?.healthUserId === link.healthUserId;
    const wearableLink: WearableLink = {
      memberId: link.memberId,
      provider: 'google-health',
      state: 'linked',
      healthUserId: link.healthUserId,
      timezone: link.timezone,
      linkedAt: link.now.toISOString(),
      // A re-link of the same account resumes where sync stopped; a different account starts afresh.
      cursors: sameAccount && existing !== undefined ? existing.cursors : {},
      ...(existing?.lastSyncAt === undefined ? {} : { lastSyncAt: existing.lastSyncAt }),
      ...(existing?.lastDataAt === undefined ? {} : { lastDataAt: existing.lastDataAt }),
    };
    const staleMapping =
      existing !== undefined && existing.state !== 'unlinked' && !sameAccount
        ? existing.healthUserId
        : undefined;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...linkKey(link.memberId),
                  type: 'link',
                  gsi1pk: linksIndexPartition('linked'),
                  gsi1sk: link.memberId,
                  ...wearableLink,
                  tokenVersion: (existing?.tokenVersion ?? 0) + 1,
                  sealedTokens: link.sealed,
                },
                ...(existing === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'tokenVersion = :version',
                      ExpressionAttributeValues: { ':version': existing.tokenVersion },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...healthUserKey(link.healthUserId),
                  type: 'health-user',
                  healthUserId: link.healthUserId,
                  memberId: link.memberId,
                },
                ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
                ExpressionAttributeValues: { ':memberId': link.memberId },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: invitationKey(link.invitationId),
                UpdateExpression: 'SET usedAt = :now REMOVE pendingAuthorization',
                ConditionExpression:
                  'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) ' +
                  'AND expiresAt > :now AND memberId = :memberId',
                ExpressionAttributeValues: { ':now': link.now.toISOString(), ':memberId': link.memberId },
              },
            },
            ...(staleMapping === undefined
              ? []
              : [
                  {
                    Delete: {
                      TableName: this.tableName,
                      Key: healthUserKey(staleMapping),
                      ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
                      ExpressionAttributeValues: { ':memberId': link.memberId },
                    },
                  },
                ]),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [linkCode, mappingCode, invitationCode] = cancellationCodes(error);
      if (mappingCode === 'ConditionalCheckFailed')
        throw new HealthAccountLinkedElsewhereError(link.healthUserId);
      if (invitationCode === 'ConditionalCheckFailed') throw new InvitationNotUsableError(link.invitationId);
      if (linkCode === 'ConditionalCheckFailed') throw new MemberAlreadyLinkedError(link.memberId);
      throw error;
    }
    return wearableLink;
  }

  async removeLink(memberId: string): Promise<{ sealed: SealedTokens; healthUserId: string } | undefined> {
    const existing = await readLinkItem(this.client, this.tableName, memberId);
    if (existing === undefined || existing.state === 'unlinked') return undefined;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: linkKey(memberId),
              UpdateExpression:
                'SET #state = :unlinked, gsi1pk = :gsi1pk, tokenVersion = :next, unlinkedAt = :now ' +
                'REMOVE sealedTokens, refreshLeaseUntil',
              ConditionExpression: 'tokenVersion = :version',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':unlinked': 'unlinked',
                ':gsi1pk': linksIndexPartition('unlinked'),
                ':next': existing.tokenVersion + 1,
                ':version': existing.tokenVersion,
                ':now': new Date().toISOString(),
              },
            },
          },
          {
            Delete: {
              TableName: this.tableName,
              Key: healthUserKey(existing.healthUserId),
              ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
              ExpressionAttributeValues: { ':memberId': memberId },
            },
          },
        ],
      }),
    );
    return existing.sealedTokens === undefined
      ? undefined
      : { sealed: existing.sealedTokens, healthUserId: existing.healthUserId };
  }
}
