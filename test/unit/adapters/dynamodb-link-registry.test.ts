import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbLinkRegistry } from '../../../shared/adapters/dynamodb-link-registry.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  MemberAlreadyLinkedError,
} from '../../../shared/domain/link/link-registry.js';
import { linkItem, sealed } from './support/link-item.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbLinkRegistry(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const now = new Date('2026-11-23T10:00:00.000Z');
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('DynamoDbLinkRegistry', () => {
  beforeEach(() => documentClient.reset());

  describe('createLink', () => {
    const newLink = {
      memberId: 'm1',
      healthUserId: 'hu-1',
      timezone: 'Europe/London',
      sealed,
      invitationId: 'inv1',
      now,
    };

    it('writes link, account claim and invitation use in one transaction, each conditional', async () => {
      documentClient.on(GetCommand).resolves({});
      documentClient.on(TransactWriteCommand).resolves({});
      await store.createLink(newLink);
      expect(documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input).toEqual({
        TransactItems: [
          {
            Put: {
              TableName: 'directory',
              Item: {
                pk: 'MEMBER#m1',
                sk: 'LINK#google-health',
                type: 'link',
                gsi1pk: 'LINKS#linked',
                gsi1sk: 'm1',
                memberId: 'm1',
                provider: 'google-health',
                state: 'linked',
                healthUserId: 'hu-1',
                timezone: 'Europe/London',
                linkedAt: '2026-11-23T10:00:00.000Z',
                cursors: {},
                tokenVersion: 1,
                sealedTokens: sealed,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: 'directory',
              Item: {
                pk: 'HEALTHUSER#hu-1',
                sk: 'HEALTHUSER',
                type: 'health-user',
                healthUserId: 'hu-1',
                memberId: 'm1',
              },
              ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
              ExpressionAttributeValues: { ':memberId': 'm1' },
            },
          },
          {
            Update: {
              TableName: 'directory',
              Key: { pk: 'INVITE#inv1', sk: 'INVITE' },
              UpdateExpression: 'SET usedAt = :now REMOVE pendingAuthorization',
              ConditionExpression:
                'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) ' +
                'AND expiresAt > :now AND memberId = :memberId',
              ExpressionAttributeValues: { ':now': '2026-11-23T10:00:00.000Z', ':memberId': 'm1' },
            },
          },
        ],
      });
    });

    it('re-links over a needs-relink link of another account under the token version, freeing the old claim', async () => {
      documentClient
        .on(GetCommand)
        .resolves({ Item: { ...linkItem, state: 'needs-relink', healthUserId: 'hu-old' } });
      documentClient.on(TransactWriteCommand).resolves({});
      const link = await store.createLink(newLink);
      expect(link.cursors).toEqual({});
      const items = documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
      expect(items[0]?.Put?.ConditionExpression).toBe('tokenVersion = :version');
      expect(items[0]?.Put?.ExpressionAttributeValues).toEqual({ ':version': 4 });
      expect(items[0]?.Put?.Item?.tokenVersion).toBe(5);
      expect(items[3]).toEqual({
        Delete: {
          TableName: 'directory',
          Key: { pk: 'HEALTHUSER#hu-old', sk: 'HEALTHUSER' },
          ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
          ExpressionAttributeValues: { ':memberId': 'm1' },
        },
      });
    });

    it('refuses, without writing, a member linked to a different account', async () => {
      documentClient.on(GetCommand).resolves({ Item: { ...linkItem, healthUserId: 'hu-other' } });
      await expect(store.createLink(newLink)).rejects.toBeInstanceOf(MemberAlreadyLinkedError);
      expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(0);
    });

    it.each([
      [['None', 'ConditionalCheckFailed', 'None'], HealthAccountLinkedElsewhereError],
      [['None', 'None', 'ConditionalCheckFailed'], InvitationNotUsableError],
      [['ConditionalCheckFailed', 'None', 'None'], MemberAlreadyLinkedError],
    ])('maps cancellation reasons %j to a typed error', async (codes, errorClass) => {
      documentClient.on(GetCommand).resolves({});
      documentClient.on(TransactWriteCommand).rejects(cancelled(...codes));
      await expect(store.createLink(newLink)).rejects.toBeInstanceOf(errorClass);
    });
  });

  it('unlinks in one transaction: state, tokens removed, version bumped, account claim deleted', async () => {
    documentClient.on(GetCommand).resolves({ Item: linkItem });
    documentClient.on(TransactWriteCommand).resolves({});
    expect(await store.removeLink('m1')).toEqual({ sealed, healthUserId: 'hu-1' });
    const [update, remove] =
      documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update).toMatchObject({
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression:
        'SET #state = :unlinked, gsi1pk = :gsi1pk, tokenVersion = :next, unlinkedAt = :now REMOVE sealedTokens, refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version',
      ExpressionAttributeValues: expect.objectContaining({
        ':unlinked': 'unlinked',
        ':next': 5,
        ':version': 4,
      }),
    });
    expect(remove).toEqual({
      Delete: {
        TableName: 'directory',
        Key: { pk: 'HEALTHUSER#hu-1', sk: 'HEALTHUSER' },
        ConditionExpression: 'attribute_not_exists(pk) OR memberId = :memberId',
        ExpressionAttributeValues: { ':memberId': 'm1' },
      },
    });
  });
});
