import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  decodeSamples,
  encodeSamples,
  SAMPLE_ENCODING,
} from '../../../shared/adapters/dense-sample-codec.js';
import {
  DynamoDbReadingStore,
  MAX_SAMPLES_PER_ITEM,
} from '../../../shared/adapters/dynamodb-reading-store.js';
import type { BloodPressureReading } from '../../../shared/domain/blood-pressure-reading.js';
import type { HeartRateHourBucket, RestingHeartRate } from '../../../shared/domain/wearable-reading.js';
import { answerQueryPages } from './support/query-pages.js';

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

const heartRateHour: HeartRateHourBucket = {
  metric: 'heart-rate',
  memberId: 'm-1',
  measuredAt: '2026-11-20T07:00:00.000Z',
  endAt: '2026-11-20T08:00:00.000Z',
  utcOffsetMinutes: 0,
  localDate: '2026-11-20',
  samples: [
    [0, 61],
    [1, 63],
    [2.5, 62],
  ],
  summary: { count: 3, min: 61, max: 63, mean: 62 },
  newestSampleAt: '2026-11-20T07:00:02.500Z',
  provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
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

  it('compares a day item before writing, and replaces it only when its content changed', async () => {
    documentClient
      .on(GetCommand)
      .resolvesOnce({})
      .resolvesOnce({ Item: { contentHash: 'older' } });
    documentClient.on(PutCommand).resolves({});
    await expect(store.put(restingHeartRate)).resolves.toBe('stored');
    await expect(store.put({ ...restingHeartRate, beatsPerMinute: 62 })).resolves.toBe('replaced');
    expect(documentClient.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'readings',
      Key: { pk: 'MEMBER#m-1#resting-heart-rate', sk: 'DAY#2026-11-20' },
      ConsistentRead: true,
      ProjectionExpression: 'contentHash, fetchedAt, parts',
    });
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
    });
  });

  it('does not write an unchanged day item at all (no write units, no stream record)', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(PutCommand).resolves({});
    await store.put(restingHeartRate);
    const hash = documentClient.commandCalls(PutCommand)[0]?.args[0].input.Item?.contentHash;
    documentClient.reset();
    documentClient.on(GetCommand).resolves({ Item: { contentHash: hash } });
    await expect(store.put(restingHeartRate)).resolves.toBe('duplicate');
    expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('writes an hour bucket as one compact binary item, guarded by its fetch time', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(PutCommand).resolves({});
    await expect(store.put(heartRateHour, { fetchedAt: '2026-11-20T10:00:00.000Z' })).resolves.toBe('stored');
    const input = documentClient.commandCalls(PutCommand)[0]?.args[0].input;
    const { samples, ...metadata } = heartRateHour;
    expect(input).toEqual({
      TableName: 'readings',
      Item: {
        ...metadata,
        pk: 'MEMBER#m-1#heart-rate',
        sk: 'HOUR#2026-11-20T07:00:00.000Z',
        part: 0,
        parts: 1,
        sampleEncoding: SAMPLE_ENCODING,
        sampleCount: 3,
        encodedSamples: expect.any(Uint8Array),
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        fetchedAt: '2026-11-20T10:00:00.000Z',
        storedAt: expect.any(String),
      },
      ConditionExpression:
        'attribute_not_exists(pk) OR attribute_not_exists(fetchedAt) OR fetchedAt <= :fetchedAt',
      ExpressionAttributeValues: { ':fetchedAt': '2026-11-20T10:00:00.000Z' },
    });
    expect(decodeSamples(input?.Item?.encodedSamples as Uint8Array)).toEqual(samples);
  });

  it('never overwrites a bucket from a later fetch with one from an earlier fetch', async () => {
    documentClient
      .on(GetCommand)
      .resolves({ Item: { contentHash: 'other', fetchedAt: '2026-11-20T10:05:00.000Z' } });
    await expect(store.put(heartRateHour, { fetchedAt: '2026-11-20T10:00:00.000Z' })).resolves.toBe('stale');
    expect(documentClient.commandCalls(PutCommand)).toHaveLength(0);

    // The later fetch lands between this job's read and write: the condition refuses the write.
    documentClient.reset();
    documentClient.on(GetCommand).resolves({});
    documentClient.on(PutCommand).rejects(conditionalCheckFailed());
    await expect(store.put(heartRateHour, { fetchedAt: '2026-11-20T10:00:00.000Z' })).resolves.toBe('stale');
  });

  it('splits an hour denser than 14,400 samples into parts, each well under the item limit', async () => {
    documentClient.on(GetCommand).resolves({});
    documentClient.on(PutCommand).resolves({});
    // 10 Hz for an hour, every value a different double.
    const samples = Array.from({ length: 36_000 }, (_, index): [number, number] => [
      index / 10,
      60 + Math.sin(index) * 30,
    ]);
    await store.put({ ...heartRateHour, samples });
    const items = documentClient.commandCalls(PutCommand).map((call) => call.args[0].input.Item ?? {});
    expect(items.map((item) => [item.sk, item.part, item.parts, item.sampleCount])).toEqual([
      ['HOUR#2026-11-20T07:00:00.000Z', 0, 3, MAX_SAMPLES_PER_ITEM],
      ['HOUR#2026-11-20T07:00:00.000Z#1', 1, 3, MAX_SAMPLES_PER_ITEM],
      ['HOUR#2026-11-20T07:00:00.000Z#2', 2, 3, 36_000 - 2 * MAX_SAMPLES_PER_ITEM],
    ]);
    for (const item of items) expect((item.encodedSamples as Uint8Array).byteLength).toBeLessThan(200_000);
    expect(items.flatMap((item) => decodeSamples(item.encodedSamples as Uint8Array))).toEqual(samples);
  });

  it('joins an hour back from its parts when listing', async () => {
    const { samples, ...metadata } = heartRateHour;
    const part = (index: number, slice: Array<[number, number]>) => ({
      ...metadata,
      pk: 'MEMBER#m-1#heart-rate',
      sk: index === 0 ? 'HOUR#2026-11-20T07:00:00.000Z' : `HOUR#2026-11-20T07:00:00.000Z#${index}`,
      part: index,
      parts: 2,
      sampleEncoding: SAMPLE_ENCODING,
      sampleCount: slice.length,
      encodedSamples: encodeSamples(slice),
      contentHash: 'h',
      storedAt: 't',
    });
    documentClient
      .on(QueryCommand)
      .resolves({ Items: [part(0, samples.slice(0, 2)), part(1, samples.slice(2))] });
    const readings = await store.listRange({
      memberId: 'm-1',
      metric: 'heart-rate',
      from: '2026-11-20T07:30:00Z',
      to: '2026-11-20T08:00:00Z',
    });
    expect(readings).toEqual([heartRateHour]);
    expect(documentClient.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'MEMBER#m-1#heart-rate',
      ':lower': 'HOUR#2026-11-20T07:00:00.000Z',
      ':upper': 'HOUR#2026-11-20T08:00:00.000Z\uffff',
    });
  });

  it('propagates other failures so the caller can retry', async () => {
    documentClient.on(PutCommand).rejects(new Error('throttled'));
    await expect(store.put(bpReading)).rejects.toThrow('throttled');
  });

  it('queries a time range on the key, following pages, without returning key attributes', async () => {
    const sent = answerQueryPages(documentClient, [
      { Items: [{ ...bpReading, pk: 'p', sk: 's', storedAt: 't' }], LastEvaluatedKey: { pk: 'p', sk: 's' } },
      { Items: [{ ...bpReading, measuredAt: '2026-11-21T07:00:00.000Z', pk: 'p', sk: 's2' }] },
    ]);
    const readings = await store.listRange({
      memberId: 'm-1',
      metric: 'blood-pressure',
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
    expect(readings).toEqual([bpReading, { ...bpReading, measuredAt: '2026-11-21T07:00:00.000Z' }]);
    const firstPage = {
      TableName: 'readings',
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
      ExpressionAttributeValues: {
        ':pk': 'MEMBER#m-1#blood-pressure',
        ':lower': '2026-11-20T00:00:00.000Z',
        ':upper': '2026-11-22T00:00:00.000Z\uffff',
      },
    };
    expect(sent).toEqual([firstPage, { ...firstPage, ExclusiveStartKey: { pk: 'p', sk: 's' } }]);
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
