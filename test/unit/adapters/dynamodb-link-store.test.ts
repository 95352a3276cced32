import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import { linkItem, sealed } from './support/link-item.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbLinkStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const now = new Date('2026-11-23T10:00:00.000Z');
const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

describe('DynamoDbLinkStore', () => {
  beforeEach(() => documentClient.reset());

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
