import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbInvitationStore } from '../../../shared/adapters/dynamodb-invitation-store.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbInvitationStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const now = new Date('2026-11-23T10:00:00.000Z');

describe('DynamoDbInvitationStore', () => {
  beforeEach(() => documentClient.reset());

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
