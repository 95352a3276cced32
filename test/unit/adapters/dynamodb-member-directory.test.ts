import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoDbMemberDirectory,
  MemberAlreadyExistsError,
} from '../../../shared/adapters/dynamodb-member-directory.js';
import { answerQueryPages } from './support/query-pages.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const directory = new DynamoDbMemberDirectory(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);
const member = {
  memberId: 'm-1',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-11-20T10:00:00.000Z',
};
const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

describe('DynamoDbMemberDirectory', () => {
  beforeEach(() => documentClient.reset());

  it('creates a member without ever overwriting one, indexed for listing', async () => {
    documentClient.on(PutCommand).resolves({});
    await directory.createMember(member);
    expect(documentClient.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Item: {
        pk: 'MEMBER#m-1',
        sk: 'PROFILE',
        gsi1pk: 'MEMBERS',
        gsi1sk: '2026-11-20T10:00:00.000Z#m-1',
        type: 'member',
        ...member,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('refuses a member id that already exists', async () => {
    documentClient.on(PutCommand).rejects(conditionalCheckFailed());
    await expect(directory.createMember(member)).rejects.toBeInstanceOf(MemberAlreadyExistsError);
  });

  it('lists members through the index, following pages', async () => {
    const sent = answerQueryPages(documentClient, [
      { Items: [member], LastEvaluatedKey: { pk: 'x' } },
      { Items: [{ ...member, memberId: 'm-2' }] },
    ]);
    await expect(directory.listMembers()).resolves.toEqual([member, { ...member, memberId: 'm-2' }]);
    const firstPage = {
      TableName: 'directory',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :members',
      ExpressionAttributeValues: { ':members': 'MEMBERS' },
    };
    expect(sent).toEqual([firstPage, { ...firstPage, ExclusiveStartKey: { pk: 'x' } }]);
  });
});
