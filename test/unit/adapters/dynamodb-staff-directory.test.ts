import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbCareTeamRoster } from '../../../shared/adapters/dynamodb-care-team-roster.js';
import { DynamoDbStaffDirectory } from '../../../shared/adapters/dynamodb-staff-directory.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const directory = new DynamoDbStaffDirectory(client, 'directory');
const roster = new DynamoDbCareTeamRoster(client, 'directory');

describe('DynamoDbStaffDirectory', () => {
  beforeEach(() => documentClient.reset());

  it('adds a team with ADD on a string set, keeping an existing name', async () => {
    documentClient.on(UpdateCommand).resolves({
      Attributes: { email: 'ana@example.org', name: 'Ana', teams: new Set(['south', 'north']) },
    });
    const staff = await directory.addToTeam({ email: 'ana@example.org', name: 'Ana', teamId: 'north' });
    expect(staff).toEqual({ email: 'ana@example.org', name: 'Ana', teams: ['north', 'south'] });
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'STAFF#ana@example.org', sk: 'PROFILE' },
      UpdateExpression:
        'SET #type = :type, email = :email, #name = if_not_exists(#name, :name), gsi1pk = :index, gsi1sk = :email ADD teams :team',
      ExpressionAttributeNames: { '#type': 'type', '#name': 'name' },
      ExpressionAttributeValues: {
        ':type': 'staff',
        ':email': 'ana@example.org',
        ':name': 'Ana',
        ':index': 'STAFF',
        ':team': new Set(['north']),
      },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('reads staff consistently, so a removed team stops working at the next request', async () => {
    documentClient.on(GetCommand).resolves({});
    expect(await directory.getStaff('nobody@example.org')).toBeUndefined();
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'STAFF#nobody@example.org', sk: 'PROFILE' },
      ConsistentRead: true,
    });
  });
});

describe('DynamoDbCareTeamRoster', () => {
  beforeEach(() => documentClient.reset());

  it('treats a member without a team as in no team', async () => {
    documentClient.on(GetCommand).resolves({
      Item: { memberId: 'm-1', name: 'Sam', timezone: 'Europe/London', createdAt: '2026-11-20T10:00:00Z' },
    });
    expect(await roster.teamMember('m-1')).toBeUndefined();
  });

  it('returns the member with their team', async () => {
    documentClient.on(GetCommand).resolves({
      Item: {
        memberId: 'm-1',
        name: 'Sam',
        timezone: 'Europe/London',
        createdAt: '2026-11-20T10:00:00Z',
        teamId: 'north',
      },
    });
    expect(await roster.teamMember('m-1')).toMatchObject({ memberId: 'm-1', teamId: 'north' });
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m-1', sk: 'PROFILE' },
      ConsistentRead: true,
    });
  });
});
