import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbDeliveryLedger } from '../../../../shared/adapters/dynamodb-delivery-ledger.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const ledger = new DynamoDbDeliveryLedger(client, 'directory');
const NOTIFICATION = 'm-1#bp-severe#2026-11-20T07:31:00.000Z#reminder-2';
const record = {
  memberId: 'm-1',
  notificationId: NOTIFICATION,
  target: 'email:care@example.org',
  kind: 'reminder',
  outcome: 'delivered' as const,
  at: '2026-11-20T09:00:00.000Z',
};

beforeEach(() => documentClient.reset());

describe('DynamoDbDeliveryLedger', () => {
  it('records a settled target once, in the DELIVERY# partition, expiring after 30 days', async () => {
    documentClient.on(PutCommand).resolves({});
    await ledger.record(record);
    expect(documentClient.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Item: {
        pk: 'DELIVERY#m-1',
        sk: `${NOTIFICATION}#email:care@example.org`,
        type: 'delivery',
        ...record,
        ttl: Date.parse('2026-12-20T09:00:00.000Z') / 1000,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('keeps the first record when a retry records the same target again', async () => {
    documentClient
      .on(PutCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    await expect(ledger.record(record)).resolves.toBeUndefined();
  });

  it('reads the outcome with a consistent read; nothing recorded is undefined', async () => {
    documentClient
      .on(GetCommand)
      .resolvesOnce({ Item: { outcome: 'refused' } })
      .resolvesOnce({});
    expect(await ledger.settled('m-1', NOTIFICATION, 'webhook')).toBe('refused');
    expect(await ledger.settled('m-1', NOTIFICATION, 'webhook')).toBeUndefined();
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory',
      Key: { pk: 'DELIVERY#m-1', sk: `${NOTIFICATION}#webhook` },
      ConsistentRead: true,
    });
  });
});
