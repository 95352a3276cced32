import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';
import { waitUntil } from '../support/wait-until.js';

let stack: IsolatedStack;
beforeAll(async () => {
  stack = await createIsolatedStack();
});
afterAll(async () => {
  await stack.stop();
});

const putReading = (pk: string, sk: string, value: number) =>
  stack.dynamoDb.send(
    new PutItemCommand({
      TableName: stack.resources.tables.readings,
      Item: { pk: { S: pk }, sk: { S: sk }, value: { N: String(value) } },
    }),
  );

const skOf = (record: DynamoDBRecord | undefined) => record?.dynamodb?.Keys?.sk?.S;

describe('stream runner', () => {
  it('delivers INSERTs in order as Lambda records, in batches, dropping filtered events', async () => {
    const batches: DynamoDBStreamEvent[] = [];
    const runner = await stack.startReadingsStreamRunner({
      functionName: 'evaluate-alerts',
      handler: async (event: DynamoDBStreamEvent) => {
        batches.push(event);
      },
      eventNames: ['INSERT'],
      batchSize: 3,
    });
    const pk = 'MEMBER#order#blood-pressure';
    for (let index = 0; index < 7; index += 1) await putReading(pk, `2026-01-01T00:00:0${index}Z#bp`, index);
    await stack.dynamoDb.send(
      new UpdateItemCommand({
        TableName: stack.resources.tables.readings,
        Key: { pk: { S: pk }, sk: { S: '2026-01-01T00:00:00Z#bp' } },
        UpdateExpression: 'SET #v = :v',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':v': { N: '99' } },
      }),
    );
    await stack.dynamoDb.send(
      new DeleteItemCommand({
        TableName: stack.resources.tables.readings,
        Key: { pk: { S: pk }, sk: { S: '2026-01-01T00:00:01Z#bp' } },
      }),
    );
    await putReading(pk, '2026-01-01T00:00:09Z#bp', 9);

    const records = await waitUntil(() => {
      const all = batches.flatMap((batch) => batch.Records);
      return all.length >= 8 && all;
    });
    await runner.stop();

    expect(records.map(skOf)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((index) => `2026-01-01T00:00:0${index}Z#bp`),
      '2026-01-01T00:00:09Z#bp',
    ]);
    expect(records.every((record) => record.eventName === 'INSERT')).toBe(true);
    expect(batches.every((batch) => batch.Records.length <= 3)).toBe(true);
    const sequenceNumbers = records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    expect([...sequenceNumbers].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequenceNumbers);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: stack.resources.readingsStreamArn,
      awsRegion: 'eu-west-2',
      dynamodb: {
        Keys: { pk: { S: pk }, sk: { S: '2026-01-01T00:00:00Z#bp' } },
        NewImage: { pk: { S: pk }, sk: { S: '2026-01-01T00:00:00Z#bp' }, value: { N: '0' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(typeof records[0]?.eventID).toBe('string');
    expect(typeof records[0]?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  });

  it('retries from the first reported batch item failure without redelivering earlier records', async () => {
    const deliveries: string[][] = [];
    let failedOnce = false;
    const runner = await stack.startReadingsStreamRunner({
      functionName: 'evaluate-alerts',
      handler: async (event: DynamoDBStreamEvent) => {
        deliveries.push(event.Records.map((record) => skOf(record) ?? ''));
        const second = event.Records.find((record) => skOf(record) === 'b');
        if (second !== undefined && !failedOnce) {
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber }] };
        }
        return { batchItemFailures: [] };
      },
      batchSize: 10,
      retryDelayMs: 10,
    });
    const pk = 'MEMBER#partial#blood-pressure';
    for (const [index, sk] of ['a', 'b', 'c'].entries()) await putReading(pk, sk, index);

    await waitUntil(() => deliveries.flat().filter((sk) => sk === 'c').length >= 2);
    await runner.stop();

    const delivered = deliveries.flat();
    expect(delivered.filter((sk) => sk === 'a')).toHaveLength(1);
    expect(delivered.filter((sk) => sk === 'b')).toHaveLength(2);
    expect(delivered.filter((sk) => sk === 'c')).toHaveLength(2);
    expect(delivered.indexOf('b')).toBeLessThan(delivered.indexOf('c'));
  });

  it('bisects a failing batch, processes the good records and sends the poison batch info on-failure', async () => {
    const processed: string[] = [];
    const poisonAlone: number[] = [];
    const runner = await stack.startReadingsStreamRunner({
      functionName: 'evaluate-alerts',
      handler: async (event: DynamoDBStreamEvent) => {
        const keys = event.Records.map((record) => skOf(record) ?? '');
        if (keys.includes('poison')) {
          if (keys.length === 1) poisonAlone.push(Date.now());
          throw new Error('cannot evaluate');
        }
        processed.push(...keys);
      },
      batchSize: 10,
      maximumRetryAttempts: 2,
      retryDelayMs: 10,
      onFailureQueueUrl: stack.resources.queues.streamFailures.url,
      log: () => undefined,
    });
    const pk = 'MEMBER#poison#blood-pressure';
    for (const [index, sk] of ['g1', 'g2', 'poison', 'g3', 'g4'].entries()) await putReading(pk, sk, index);

    const [failure] = await receiveAll(stack.sqs, stack.resources.queues.streamFailures.url, {
      expected: 1,
      timeoutMs: 15_000,
    });
    await waitUntil(() => processed.length >= 4);
    await runner.stop();

    expect(processed).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(poisonAlone).toHaveLength(3);
    const body: unknown = JSON.parse(failure?.Body ?? '{}');
    expect(body).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      responseContext: { functionError: 'Unhandled' },
      DDBStreamBatchInfo: { batchSize: 1, streamArn: stack.resources.readingsStreamArn },
    });
    expect(JSON.stringify(body)).not.toContain('poison');
  });
});
