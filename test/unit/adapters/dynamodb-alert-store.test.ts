import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import type { Alert } from '../../../shared/domain/alert.js';
import { answerQueryPages } from './support/query-pages.js';

const TABLE = 'alerts-table';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));
const ddb = mockClient(client);
const store = new DynamoDbAlertStore(client, TABLE);

const KEY = 'm-1#bp-severe#2026-11-20T07:31:00.000Z';
const alert: Alert = {
  schemaVersion: '1.1',
  alertKey: KEY,
  memberId: 'm-1',
  memberTimezone: 'Europe/London',
  rule: 'bp-severe',
  severity: 'urgent',
  tier: 1,
  episode: '2026-11-20T07:31:00.000Z',
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
  notifications: [
    {
      kind: 'raised',
      at: '2026-11-20T09:00:00.000Z',
      dedupeId: `${KEY}#raised-0`,
      severity: 'urgent',
      tier: 1,
    },
  ],
  revision: 1,
};

const alertItem = (a: Alert) => ({
  pk: 'MEMBER#m-1',
  sk: `ALERT#${KEY}`,
  gsi1pk: 'ALERTS',
  gsi1sk: `2026-11-20T09:00:00.000Z#${KEY}`,
  ...a,
});
const slotKey = { pk: 'MEMBER#m-1', sk: 'OPEN#bp-severe' };
const cancelled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('DynamoDbAlertStore', () => {
  beforeEach(() => {
    ddb.reset();
  });

  describe('create', () => {
    it('puts the alert and its open slot in one transaction, each only if absent', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      expect(await store.create(alert, 'bp-severe')).toBe('created');
      expect(ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input).toEqual({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: alertItem(alert),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: TABLE,
              Item: {
                ...slotKey,
                gsi1pk: 'OPEN-ALERTS',
                gsi1sk: 'm-1#bp-severe',
                memberId: 'm-1',
                alertKey: KEY,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
    });

    it.each([
      [['ConditionalCheckFailed', 'None'], 'exists'],
      [['None', 'ConditionalCheckFailed'], 'slot-taken'],
    ])('tells which condition failed (%j -> %s)', async (codes, outcome) => {
      ddb.on(TransactWriteCommand).rejects(cancelled(codes));
      expect(await store.create(alert, 'bp-severe')).toBe(outcome);
    });

    it('passes other errors on', async () => {
      ddb.on(TransactWriteCommand).rejects(new Error('throttled'));
      await expect(store.create(alert, 'bp-severe')).rejects.toThrow('throttled');
    });
  });

  describe('replace', () => {
    it('writes only over the previous revision', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      const next = { ...alert, revision: 3 };
      expect(await store.replace(next, 'bp-severe')).toBe(true);
      expect(ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input).toEqual({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: alertItem(next),
              ConditionExpression: 'revision = :previous',
              ExpressionAttributeValues: { ':previous': 2 },
            },
          },
        ],
      });
    });

    it('releases its own slot once resolved and every notice is sent', async () => {
      ddb.on(TransactWriteCommand).resolves({});
      const settled: Alert = {
        ...alert,
        status: 'resolved',
        resolvedAt: '2026-11-21T09:00:00.000Z',
        notifications: alert.notifications.map((n) => ({ ...n, publishedAt: n.at })),
        revision: 4,
      };
      await store.replace(settled, 'bp-severe');
      expect(ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[1]).toEqual({
        Delete: {
          TableName: TABLE,
          Key: slotKey,
          ConditionExpression: 'attribute_not_exists(pk) OR alertKey = :alertKey',
          ExpressionAttributeValues: { ':alertKey': KEY },
        },
      });
    });

    it('returns false when another writer got there first', async () => {
      ddb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed']));
      expect(await store.replace({ ...alert, revision: 2 }, 'bp-severe')).toBe(false);
    });
  });

  describe('reads', () => {
    it('gets an alert consistently, and through its slot', async () => {
      ddb
        .on(GetCommand, { Key: { pk: 'MEMBER#m-1', sk: `ALERT#${KEY}` } })
        .resolves({ Item: alertItem(alert) });
      ddb.on(GetCommand, { Key: slotKey }).resolves({ Item: { ...slotKey, alertKey: KEY } });
      expect(await store.findBySlot('m-1', 'bp-severe')).toEqual(alert);
      expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input)).toEqual([
        { TableName: TABLE, Key: slotKey, ConsistentRead: true },
        { TableName: TABLE, Key: { pk: 'MEMBER#m-1', sk: `ALERT#${KEY}` }, ConsistentRead: true },
      ]);
    });

    it('reads an alert stored under 1.0 as 1.1, its one send becoming the raised notification', async () => {
      const { tier: _t, notifications: _n, revision: _r, ...old } = alert;
      ddb.on(GetCommand).resolves({
        Item: { ...old, schemaVersion: '1.0', publishedAt: '2026-11-20T09:00:01.000Z' },
      });
      const read = await store.get('m-1', KEY);
      expect(read?.schemaVersion).toBe('1.1');
      expect(read?.revision).toBe(0);
      expect(read?.notifications).toEqual([
        {
          kind: 'raised',
          at: '2026-11-20T09:00:01.000Z',
          dedupeId: KEY,
          severity: 'urgent',
          tier: 1,
          publishedAt: '2026-11-20T09:00:01.000Z',
        },
      ]);
    });

    it('lists every held slot from the open-alerts index, page by page', async () => {
      const sent = answerQueryPages(ddb, [
        { Items: [{ memberId: 'm-1', alertKey: KEY }], LastEvaluatedKey: { pk: 'x' } },
        { Items: [{ memberId: 'm-2', alertKey: 'm-2#bp-low#t' }] },
      ]);
      expect(await store.listSlots()).toEqual([
        { memberId: 'm-1', alertKey: KEY },
        { memberId: 'm-2', alertKey: 'm-2#bp-low#t' },
      ]);
      const firstPage = {
        TableName: TABLE,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :open',
        ExpressionAttributeValues: { ':open': 'OPEN-ALERTS' },
      };
      expect(sent).toEqual([firstPage, { ...firstPage, ExclusiveStartKey: { pk: 'x' } }]);
    });

    it("lists a member's alerts newest first, without the slot items", async () => {
      const older = { ...alert, alertKey: 'm-1#bp-low#a', raisedAt: '2026-11-19T09:00:00.000Z' };
      ddb.on(QueryCommand).resolves({ Items: [alertItem(older), alertItem(alert)] });
      expect((await store.list({ memberId: 'm-1' })).map((a) => a.alertKey)).toEqual([KEY, 'm-1#bp-low#a']);
      expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'MEMBER#m-1', ':prefix': 'ALERT#' },
      });
    });
  });
});
