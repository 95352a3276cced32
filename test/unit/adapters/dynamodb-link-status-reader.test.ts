import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbLinkStatusReader } from '../../../shared/adapters/dynamodb-link-status-reader.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const reader = new DynamoDbLinkStatusReader(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'directory',
);

describe('DynamoDbLinkStatusReader', () => {
  beforeEach(() => documentClient.reset());

  it('asks for the status attributes only, so the sealed tokens never leave the table', async () => {
    documentClient.on(GetCommand).resolves({
      Item: { state: 'linked', linkedAt: '2026-11-01T10:00:00Z', refusedTypes: ['sleep'] },
    });
    expect(await reader.status('m-1')).toEqual({
      state: 'linked',
      linkedAt: '2026-11-01T10:00:00Z',
      refusedTypes: ['sleep'],
    });
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'MEMBER#m-1', sk: 'LINK#google-health' },
      ProjectionExpression: '#state, linkedAt, lastDataAt, refusedTypes',
      ExpressionAttributeNames: { '#state': 'state' },
    });
  });

  it('says a member never linked has no link', async () => {
    documentClient.on(GetCommand).resolves({});
    expect(await reader.status('m-2')).toBeUndefined();
  });

  it('refuses a link item without a known state instead of showing a guess', async () => {
    documentClient.on(GetCommand).resolves({ Item: { state: 'paused', linkedAt: '2026-11-01T10:00:00Z' } });
    await expect(reader.status('m-3')).rejects.toThrow();
  });
});
