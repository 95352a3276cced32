import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DeviceAlreadyExistsError,
  DynamoDbMemberDirectory,
  MemberAlreadyExistsError,
} from '../../../shared/adapters/dynamodb-member-directory.js';

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
const device = {
  deviceId: 'd-1',
  memberId: 'm-1',
  tokenHash: 'ab'.repeat(32),
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

  it('registers a device under its own key, storing only the token hash', async () => {
    documentClient.on(PutCommand).resolves({});
    await directory.registerDevice(device);
    expect(documentClient.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Item: { pk: 'DEVICE#d-1', sk: 'DEVICE', type: 'device', ...device },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    // The first monitor starts the member's bp-no-readings clock; a later one keeps the first time.
    expect(documentClient.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: `MEMBER#${device.memberId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET bloodPressureMonitorSince = if_not_exists(bloodPressureMonitorSince, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': device.createdAt },
    });
    documentClient.on(PutCommand).rejects(conditionalCheckFailed());
    await expect(directory.registerDevice(device)).rejects.toBeInstanceOf(DeviceAlreadyExistsError);
  });

  it('reads a device back without key attributes, and undefined when absent', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient
      .on(GetCommand, { TableName: 'directory', Key: { pk: 'DEVICE#d-1', sk: 'DEVICE' } })
      .resolves({ Item: { pk: 'DEVICE#d-1', sk: 'DEVICE', type: 'device', ...device } });
    await expect(directory.getDevice('d-1')).resolves.toEqual(device);
    await expect(directory.getDevice('d-2')).resolves.toBeUndefined();
  });

  it('lists members through the index, following pages', async () => {
    documentClient
      .on(QueryCommand)
      .resolvesOnce({ Items: [member], LastEvaluatedKey: { pk: 'x' } })
      .resolvesOnce({ Items: [{ ...member, memberId: 'm-2' }] });
    await expect(directory.listMembers()).resolves.toEqual([member, { ...member, memberId: 'm-2' }]);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :members',
      ExpressionAttributeValues: { ':members': 'MEMBERS' },
      ExclusiveStartKey: undefined,
    });
  });
});
