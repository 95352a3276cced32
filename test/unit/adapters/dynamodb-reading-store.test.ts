import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import type { BloodPressureReading } from '../../../shared/domain/blood-pressure-reading.js';
import type { RestingHeartRate } from '../../../shared/domain/wearable-reading.js';

const documentClient = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbReadingStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })),
  'readings',
);

const bpReading: BloodPressureReading = {
  metric: 'blood-pressure',
  memberId: 'm-1',
  measuredAt: '2026-11-20T07:31:00.000Z',
  utcOffsetMinutes: 0,
  systolic: 182,
  diastolic: 96,
  pulse: 71,
  meanArterialPressure: 124.7,
  provenance: { source: 'json', deviceId: 'd-1', recordingMethod: 'device-measured' },
};

const restingHeartRate: RestingHeartRate = {
  metric: 'resting-heart-rate',
  memberId: 'm-1',
  measuredAt: '2026-11-20T00:00:00.000Z',
  utcOffsetMinutes: 0,
  localDate: '2026-11-20',
  beatsPerMinute: 61,
  provenance: { source: 'google-health', recordingMethod: 'derived' },
};

const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('DynamoDbReadingStore', () => {
  beforeEach(() => documentClient.reset());

  it('puts a sparse reading only if its natural key is absent', async () => {
    documentClient.on(PutCommand).resolves({});
    await expect(store.put(bpReading)).resolves.toBe('stored');
    const input = documentClient.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TableName: 'readings',
      Item: {
        ...bpReading,
        pk: 'MEMBER#m-1#blood-pressure',
        sk: '2026-11-20T07:31:00.000Z#d-1',
        storedAt: expect.any(String),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('reports a re-upload of the same reading as a duplicate', async () => {
    documentClient.on(PutCommand).rejects(conditionalCheckFailed());
    await expect(store.put(bpReading)).resolves.toBe('duplicate');
  });

  it('replaces a day item only when its content changed', async () => {
    documentClient
      .on(PutCommand)
      .resolvesOnce({})
      .resolvesOnce({ Attributes: { pk: 'x' } });
    await expect(store.put(restingHeartRate)).resolves.toBe('stored');
    await expect(store.put({ ...restingHeartRate, beatsPerMinute: 62 })).resolves.toBe('replaced');
    const input = documentClient.commandCalls(PutCommand)[0]?.args[0].input;
    expect(input).toEqual({
      TableName: 'readings',
      Item: {
        ...restingHeartRate,
        pk: 'MEMBER#m-1#resting-heart-rate',
        sk: 'DAY#2026-11-20',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        storedAt: expect.any(String),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR contentHash <> :contentHash',
      ExpressionAttributeValues: { ':contentHash': expect.stringMatching(/^[0-9a-f]{64}$/) },
      ReturnValues: 'ALL_OLD',
    });
  });

  it('treats an identical day item as a duplicate', async () => {
    documentClient.on(PutCommand).rejects(conditionalCheckFailed());
    await expect(store.put(restingHeartRate)).resolves.toBe('duplicate');
  });

  it('propagates other failures so the caller can retry', async () => {
    documentClient.on(PutCommand).rejects(new Error('throttled'));
    await expect(store.put(bpReading)).rejects.toThrow('throttled');
  });

  it('queries a time range on the key, following pages, without returning key attributes', async () => {
    documentClient
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ ...bpReading, pk: 'p', sk: 's', storedAt: 't' }],
        LastEvaluatedKey: { pk: 'p', sk: 's' },
      })
      .resolvesOnce({ Items: [{ ...bpReading, measuredAt: '2026-11-21T07:00:00.000Z', pk: 'p', sk: 's2' }] });
    const readings = await store.listRange({
      memberId: 'm-1',
      metric: 'blood-pressure',
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
    expect(readings).toEqual([bpReading, { ...bpReading, measuredAt: '2026-11-21T07:00:00.000Z' }]);
    const calls = documentClient.commandCalls(QueryCommand);
    expect(calls[0]?.args[0].input).toEqual({
      TableName: 'readings',
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
      ExpressionAttributeValues: {
        ':pk': 'MEMBER#m-1#blood-pressure',
        ':lower': '2026-11-20T00:00:00.000Z',
        ':upper': '2026-11-22T00:00:00.000Z\uffff',
      },
      ExclusiveStartKey: undefined,
    });
    expect(calls[1]?.args[0].input.ExclusiveStartKey).toEqual({ pk: 'p', sk: 's' });
  });

  it('returns day items overlapping the range, and not the day that ends where the range starts', async () => {
    const day = (localDate: string, start: string, end: string) => ({
      ...restingHeartRate,
      localDate,
      measuredAt: start,
      endAt: end,
      pk: 'p',
      sk: `DAY#${localDate}`,
    });
    documentClient.on(QueryCommand).resolves({
      Items: [
        day('2026-11-14', '2026-11-14T00:00:00.000Z', '2026-11-15T00:00:00.000Z'),
        day('2026-11-15', '2026-11-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z'),
      ],
    });
    const readings = await store.listRange({
      memberId: 'm-1',
      metric: 'resting-heart-rate',
      from: '2026-11-15T00:00:00.000Z',
    });
    expect(readings.map((reading) => ('localDate' in reading ? reading.localDate : ''))).toEqual([
      '2026-11-15',
    ]);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'MEMBER#m-1#resting-heart-rate',
      ':lower': 'DAY#2026-11-14',
      ':upper': 'DAY#9999-12-31',
    });
  });

  describe('a clock-suspect reading (its measuredAt is the receipt time, which moves between uploads)', () => {
    const suspect: BloodPressureReading = {
      ...bpReading,
      measuredAt: '2026-11-23T09:00:00.000Z',
      qualityFlags: ['clock-suspect'],
      clock: { deviceTime: '2000-01-01T00:05:00', timeSource: 'received' },
    };

    it('is put together with a re-upload guard keyed on the device time and values, in one transaction', async () => {
      documentClient.on(TransactWriteCommand).resolves({});
      await expect(store.put(suspect)).resolves.toBe('stored');
      const input = documentClient.commandCalls(TransactWriteCommand)[0]?.args[0].input;
      const readingSk = '2026-11-23T09:00:00.000Z#d-1@2000-01-01T00:05:00#182/96';
      expect(input).toEqual({
        TransactItems: [
          {
            Put: {
              TableName: 'readings',
              Item: {
                pk: 'MEMBER#m-1#blood-pressure',
                sk: 'CLOCK#d-1#2000-01-01T00:05:00#182/96',
                readingSk,
                storedAt: expect.any(String),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: 'readings',
              Item: {
                ...suspect,
                pk: 'MEMBER#m-1#blood-pressure',
                sk: readingSk,
                storedAt: expect.any(String),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
      expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);
    });

    it('is a duplicate when the guard already exists', async () => {
      documentClient.on(TransactWriteCommand).rejects(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
        }),
      );
      await expect(store.put(suspect)).resolves.toBe('duplicate');
    });

    it('fails loudly on any other cancellation', async () => {
      documentClient.on(TransactWriteCommand).rejects(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
        }),
      );
      await expect(store.put(suspect)).rejects.toBeInstanceOf(TransactionCanceledException);
    });
  });
});
