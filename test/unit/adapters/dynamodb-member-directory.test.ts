import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DynamoDbMemberDirectory,
  MemberAlreadyExistsError,
} from '../../../shared/adapters/dynamodb-member-directory.js';
import { MemberTeamChangedError } from '../../../shared/domain/ports/member-directory.js';
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

  it('reads the care team back with the member', async () => {
    documentClient
      .on(GetCommand)
      .resolves({ Item: { pk: 'MEMBER#m-1', sk: 'PROFILE', ...member, teamId: 'team-north' } });
    await expect(directory.getMember('m-1')).resolves.toEqual({ ...member, teamId: 'team-north' });
  });

  it('moves a member and writes the audit record in one transaction, conditional on the old team', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    const move = {
      memberId: 'm-1',
      fromTeamId: 'team-north',
      toTeamId: 'team-south',
      movedBy: 'alex.staff',
      movedAt: '2026-12-02T10:30:00.000Z',
    };
    await directory.moveMemberToTeam(move);
    expect(documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input).toEqual({
      TransactItems: [
        {
          Update: {
            TableName: 'directory',
            Key: { pk: 'MEMBER#m-1', sk: 'PROFILE' },
            UpdateExpression: 'SET teamId = :to, teamMovedAt = :at, teamMovedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND teamId = :from',
            ExpressionAttributeValues: {
              ':to': 'team-south',
              ':at': '2026-12-02T10:30:00.000Z',
              ':by': 'alex.staff',
              ':from': 'team-north',
            },
          },
        },
        {
          Put: {
            TableName: 'directory',
            Item: { pk: 'MEMBER#m-1', sk: 'TEAMMOVE#2026-12-02T10:30:00.000Z', type: 'team-move', ...move },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
  });

  it('moves a member without a team only while they still have none', async () => {
    documentClient.on(TransactWriteCommand).resolves({});
    await directory.moveMemberToTeam({
      memberId: 'm-1',
      toTeamId: 'team-south',
      movedBy: 'ops',
      movedAt: '2026-12-02T10:30:00.000Z',
    });
    const update =
      documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(update?.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(teamId)');
    expect(update?.ExpressionAttributeValues).not.toHaveProperty(':from');
  });

  it('reports a concurrent move as MemberTeamChangedError', async () => {
    documentClient
      .on(TransactWriteCommand)
      .rejects(new TransactionCanceledException({ message: 'cancelled', $metadata: {} }));
    await expect(
      directory.moveMemberToTeam({
        memberId: 'm-1',
        fromTeamId: 'team-north',
        toTeamId: 'team-south',
        movedBy: 'ops',
        movedAt: '2026-12-02T10:30:00.000Z',
      }),
    ).rejects.toBeInstanceOf(MemberTeamChangedError);
  });
});
