import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlertNotFoundError, DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import type { Alert } from '../../../shared/domain/alert.js';

const TABLE = 'alerts-table';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const ddb = mockClient(client);
const store = new DynamoDbAlertStore(client, TABLE);

const alert: Alert = {
  schemaVersion: '1.0',
  alertKey: 'm-1#bp-severe#2026-11-20',
  memberId: 'm-1',
  memberTimezone: 'Europe/London',
  rule: 'bp-severe',
  severity: 'urgent',
  episode: '2026-11-20',
  raisedAt: '2026-11-20T09:00:00.000Z',
  status: 'open',
  readings: [
    {
      metric: 'blood-pressure',
      measuredAt: '2026-11-20T07:31:00.000Z',
      values: { systolic: 184, diastolic: 102 },
      source: 'json',
    },
  ],
  thresholds: { severeSystolic: 180, severeDiastolic: 120 },
  explanation: 'A reading.',
  guidance: { name: 'NICE NG136', reference: 'https://www.nice.org.uk/guidance/ng136' },
  qualityFlags: [],
};

const keys = { pk: 'MEMBER#m-1', sk: 'ALERT#m-1#bp-severe#2026-11-20' };
const item = {
  ...keys,
  gsi1pk: 'ALERTS',
  gsi1sk: '2026-11-20T09:00:00.000Z#m-1#bp-severe#2026-11-20',
  ...alert,
};
const conditionFailed = (old?: Record<string, unknown>) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    ...(old === undefined ? {} : { Item: marshall(old) }),
  });

describe('DynamoDbAlertStore', () => {
  beforeEach(() => {
    ddb.reset();
  });

  describe('putIfAbsent', () => {
    it('puts the alert with its keys and index attributes, only if absent', async () => {
      ddb.on(PutCommand).resolves({});
      expect(await store.putIfAbsent(alert)).toEqual({ created: true, stored: alert });
      expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
        TableName: TABLE,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    });

    it('returns the stored alert from the failed condition without another read', async () => {
      const published = { ...item, publishedAt: '2026-11-20T09:00:01.000Z' };
      ddb.on(PutCommand).rejects(conditionFailed(published));
      const { pk: _pk, sk: _sk, gsi1pk: _p, gsi1sk: _s, ...stored } = published;
      expect(await store.putIfAbsent({ ...alert, raisedAt: '2026-11-20T10:00:00.000Z' })).toEqual({
        created: false,
        stored,
      });
      expect(ddb.commandCalls(GetCommand)).toHaveLength(0);
    });

    it('falls back to a consistent read when the failed condition carries no item', async () => {
      ddb.on(PutCommand).rejects(conditionFailed());
      ddb.on(GetCommand).resolves({ Item: item });
      expect(await store.putIfAbsent(alert)).toEqual({ created: false, stored: alert });
      expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
        TableName: TABLE,
        Key: keys,
        ConsistentRead: true,
      });
    });

    it('passes other errors through', async () => {
      ddb.on(PutCommand).rejects(new Error('throttled'));
      await expect(store.putIfAbsent(alert)).rejects.toThrow('throttled');
    });
  });

  it('markPublished keeps the first publish time and requires the alert', async () => {
    ddb.on(UpdateCommand).resolves({});
    await store.markPublished('m-1', alert.alertKey, '2026-11-20T09:00:01.000Z');
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: keys,
      UpdateExpression: 'SET publishedAt = if_not_exists(publishedAt, :publishedAt)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':publishedAt': '2026-11-20T09:00:01.000Z' },
    });
  });

  it('resolve sets status and the first resolve time', async () => {
    ddb.on(UpdateCommand).resolves({});
    await store.resolve('m-1', alert.alertKey, '2026-11-21T09:00:00.000Z');
    expect(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: keys,
      UpdateExpression: 'SET #status = :resolved, resolvedAt = if_not_exists(resolvedAt, :resolvedAt)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':resolved': 'resolved', ':resolvedAt': '2026-11-21T09:00:00.000Z' },
    });
  });

  it('an update on a missing alert is an AlertNotFoundError', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    await expect(store.resolve('m-1', 'nope', '2026-11-21T09:00:00.000Z')).rejects.toBeInstanceOf(
      AlertNotFoundError,
    );
  });

  it('lists every alert newest first from gsi1', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item] });
    expect(await store.list({ limit: 20 })).toEqual([alert]);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :alerts',
      ExpressionAttributeValues: { ':alerts': 'ALERTS' },
      ScanIndexForward: false,
      Limit: 20,
    });
  });

  it("lists a member's alerts across pages, newest first", async () => {
    const older = { ...item, sk: 'ALERT#m-1#bp-low#2026-11-01', alertKey: 'm-1#bp-low#2026-11-01' };
    const olderAlert = { ...alert, alertKey: 'm-1#bp-low#2026-11-01', raisedAt: '2026-11-01T09:00:00.000Z' };
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ ...older, raisedAt: olderAlert.raisedAt }], LastEvaluatedKey: older })
      .resolvesOnce({ Items: [item] });
    expect(await store.list({ memberId: 'm-1' })).toEqual([alert, olderAlert]);
    const calls = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    const memberQuery = {
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'MEMBER#m-1', ':prefix': 'ALERT#' },
    };
    expect(calls).toEqual([memberQuery, { ...memberQuery, ExclusiveStartKey: older }]);
  });

  it('listOpen filters on status and rule', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item] });
    expect(await store.listOpen('m-1', 'bp-severe')).toEqual([alert]);
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#status = :open AND #rule = :rule',
      ExpressionAttributeNames: { '#status': 'status', '#rule': 'rule' },
      ExpressionAttributeValues: {
        ':pk': 'MEMBER#m-1',
        ':prefix': 'ALERT#',
        ':open': 'open',
        ':rule': 'bp-severe',
      },
    });
  });

  it('refuses a stored record that is not a valid alert', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ ...item, severity: 'panic' }] });
    await expect(store.list({})).rejects.toThrow();
  });
});
