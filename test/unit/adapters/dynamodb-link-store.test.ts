import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  MemberAlreadyLinkedError,
} from '../../../shared/domain/link/link-registry.js';
import type { SealedTokens } from '../../../shared/domain/ports/token-vault.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbLinkStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const sealed: SealedTokens = { scheme: 'local', iv: 'iv', ciphertext: 'ct', authTag: 'tag' };
const now = new Date('2026-11-23T10:00:00.000Z');
const linkItem = {
  pk: 'MEMBER#m1',
  sk: 'LINK#google-health',
  type: 'link',
  memberId: 'm1',
  provider: 'google-health',
  state: 'linked',
  healthUserId: 'hu-1',
  timezone: 'Europe/London',
  linkedAt: '2026-11-20T10:00:00.000Z',
  cursors: { steps: '2026-11-23T08:00:00Z' },
  tokenVersion: 4,
  sealedTokens: sealed,
};
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

describe('DynamoDbLinkStore', () => {
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

  it('takes the refresh lease only at the expected version and when no live lease exists', async () => {
    documentClient.on(UpdateCommand).resolves({});
    expect(await store.tryAcquireRefreshLease('m1', 4, new Date('2026-11-23T10:00:15.000Z'), now)).toBe(true);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'SET refreshLeaseUntil = :until',
      ConditionExpression:
        'tokenVersion = :version AND #state = :linked AND (attribute_not_exists(refreshLeaseUntil) OR refreshLeaseUntil <= :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':until': '2026-11-23T10:00:15.000Z',
        ':version': 4,
        ':linked': 'linked',
        ':now': '2026-11-23T10:00:00.000Z',
      },
    });
    documentClient.on(UpdateCommand).rejects(conditionalCheckFailed());
    expect(await store.tryAcquireRefreshLease('m1', 4, now, now)).toBe(false);
  });

  it('replaces tokens as version + 1 only if the version is unchanged, dropping the lease', async () => {
    documentClient.on(UpdateCommand).resolves({});
    expect(await store.replaceTokens('m1', 4, sealed)).toBe(true);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'SET sealedTokens = :sealed, tokenVersion = :next REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version AND #state = :linked',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sealed': sealed, ':next': 5, ':version': 4, ':linked': 'linked' },
    });
    documentClient.on(UpdateCommand).rejects(conditionalCheckFailed());
    expect(await store.replaceTokens('m1', 4, sealed)).toBe(false);
  });

  it('gives the lease back only at the version it was taken for', async () => {
    documentClient.on(UpdateCommand).resolves({});
    await store.releaseRefreshLease('m1', 4);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version',
      ExpressionAttributeValues: { ':version': 4 },
    });
  });

  it('marks needs-relink only if the tokens did not change meanwhile', async () => {
    documentClient.on(UpdateCommand).resolves({});
    expect(await store.markNeedsRelink('m1', 4)).toBe(true);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'SET #state = :needsRelink, gsi1pk = :gsi1pk REMOVE refreshLeaseUntil',
      ConditionExpression: 'tokenVersion = :version AND #state = :linked',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':needsRelink': 'needs-relink',
        ':gsi1pk': 'LINKS#needs-relink',
        ':version': 4,
        ':linked': 'linked',
      },
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

  it('moves sync cursors only forwards, conditioned on the values it read', async () => {
    documentClient.on(GetCommand).resolves({ Item: linkItem });
    documentClient.on(UpdateCommand).resolves({});
    await store.recordSync('m1', {
      cursors: { steps: '2026-11-23T07:00:00Z', sleep: '2026-11-23T06:00:00Z' },
      lastSyncAt: '2026-11-23T10:00:00.000Z',
    });
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'SET #cursors.#c1 = :c1, lastSyncAt = :lastSyncAt',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(#cursors.#c1) AND attribute_not_exists(lastSyncAt)',
      ExpressionAttributeNames: { '#cursors': 'cursors', '#c1': 'sleep' },
      ExpressionAttributeValues: { ':c1': '2026-11-23T06:00:00Z', ':lastSyncAt': '2026-11-23T10:00:00.000Z' },
    });
  });

  it('records a sync that moves no cursor without naming the cursors map (DynamoDB refuses unused names)', async () => {
    documentClient.on(GetCommand).resolves({ Item: linkItem });
    documentClient.on(UpdateCommand).resolves({});
    await store.recordSync('m1', {
      cursors: { steps: '2026-11-23T07:00:00Z' },
      lastSyncAt: '2026-11-23T10:00:00.000Z',
    });
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m1', sk: 'LINK#google-health' },
      UpdateExpression: 'SET lastSyncAt = :lastSyncAt',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(lastSyncAt)',
      ExpressionAttributeValues: { ':lastSyncAt': '2026-11-23T10:00:00.000Z' },
    });
  });

  it('starts an authorisation only on an unused, unexpired invitation', async () => {
    documentClient.on(UpdateCommand).resolves({});
    const pending = { stateNonce: 'n', codeVerifier: 'v', startedAt: now.toISOString() };
    expect(await store.startAuthorization('inv1', pending, now)).toBe(true);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'INVITE#inv1', sk: 'INVITE' },
      UpdateExpression: 'SET pendingAuthorization = :pending',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt) AND expiresAt > :now',
      ExpressionAttributeValues: { ':pending': pending, ':now': '2026-11-23T10:00:00.000Z' },
    });
  });

  it('indexes a new invitation under its member (for unlink and erasure) with a TTL 30 days after expiry', async () => {
    documentClient.on(PutCommand).resolves({});
    const invitation = {
      invitationId: 'inv1',
      memberId: 'm1',
      createdAt: '2026-11-23T10:00:00.000Z',
      expiresAt: '2026-11-26T10:00:00.000Z',
    };
    await store.putInvitation(invitation);
    expect(documentClient.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Item: {
        pk: 'INVITE#inv1',
        sk: 'INVITE',
        type: 'invitation',
        gsi1pk: 'INVITES#m1',
        gsi1sk: '2026-11-23T10:00:00.000Z#inv1',
        ...invitation,
        ttl: Date.parse('2026-11-26T10:00:00.000Z') / 1000 + 30 * 24 * 3600,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    documentClient.on(QueryCommand).resolves({ Items: [invitation] });
    expect(await store.listInvitations('m1')).toEqual([invitation]);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :invites',
      ExpressionAttributeValues: { ':invites': 'INVITES#m1' },
    });
  });

  it('cancels only an unused, uncancelled invitation, dropping the attempt in progress', async () => {
    documentClient.on(UpdateCommand).resolves({});
    expect(await store.cancelInvitation('inv1', now)).toBe(true);
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'INVITE#inv1', sk: 'INVITE' },
      UpdateExpression: 'SET cancelledAt = :at REMOVE pendingAuthorization',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(cancelledAt)',
      ExpressionAttributeValues: { ':at': '2026-11-23T10:00:00.000Z' },
    });
    documentClient
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    expect(await store.cancelInvitation('inv1', now)).toBe(false);
  });
});

describe('linkedPages', () => {
  it('pages through the requested states in order: linked and needs-relink for the no-data check', async () => {
    documentClient.reset();
    documentClient
      .on(QueryCommand, { ExpressionAttributeValues: { ':links': 'LINKS#linked' } })
      .resolves({ Items: [linkItem] });
    documentClient
      .on(QueryCommand, { ExpressionAttributeValues: { ':links': 'LINKS#needs-relink' } })
      .resolves({ Items: [{ ...linkItem, memberId: 'm2', state: 'needs-relink' }] });
    const links = [];
    for await (const page of store.linkedPages(['linked', 'needs-relink'])) links.push(...page);
    expect(links.map((link) => [link.memberId, link.state])).toEqual([
      ['m1', 'linked'],
      ['m2', 'needs-relink'],
    ]);
    expect(
      documentClient.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues),
    ).toEqual([{ ':links': 'LINKS#linked' }, { ':links': 'LINKS#needs-relink' }]);
  });
});
