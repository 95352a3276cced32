import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type KeySchema,
  QUEUES,
  TABLES,
  type TableSpec,
} from '../../../shared/runtime/resource-catalogue.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

// The deployed templates are checked against the same catalogue in test/infra/resource-catalogue.test.ts.

let stack: IsolatedStack;

beforeAll(async () => {
  stack = await createIsolatedStack();
});

afterAll(async () => {
  await stack?.stop();
});

const keySchema = (key: KeySchema) => [
  { AttributeName: key.partitionKey, KeyType: 'HASH' },
  { AttributeName: key.sortKey, KeyType: 'RANGE' },
];

describe('the local tables are the catalogue tables', () => {
  it.each(Object.entries(TABLES) as [keyof typeof TABLES, TableSpec][])('%s', async (name, spec) => {
    const TableName = stack.resources.tables[name];
    const { Table: table } = await stack.dynamoDb.send(new DescribeTableCommand({ TableName }));
    const { TimeToLiveDescription: ttl } = await stack.dynamoDb.send(
      new DescribeTimeToLiveCommand({ TableName }),
    );
    expect({
      keySchema: table?.KeySchema,
      indexes: (table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName,
        keySchema: index.KeySchema,
        projection: index.Projection?.ProjectionType,
      })),
      stream: table?.StreamSpecification?.StreamEnabled
        ? table.StreamSpecification.StreamViewType
        : undefined,
      timeToLiveAttribute: ttl?.TimeToLiveStatus === 'ENABLED' ? ttl.AttributeName : undefined,
    }).toEqual({
      keySchema: keySchema(spec.key),
      indexes: spec.indexes.map((index) => ({
        name: index.name,
        keySchema: keySchema(index),
        projection: 'ALL',
      })),
      stream: spec.stream,
      timeToLiveAttribute: spec.timeToLiveAttribute,
    });
  });
});

describe('the local queues are the catalogue queues', () => {
  it.each(Object.keys(QUEUES) as (keyof typeof QUEUES)[])('%s', async (name) => {
    const spec: (typeof QUEUES)[keyof typeof QUEUES] = QUEUES[name];
    const queue = stack.resources.queues[name];
    const { Attributes: attributes = {} } = await stack.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }),
    );
    const deadLetter = 'deadLetter' in spec ? spec.deadLetter : undefined;
    expect({
      fifo: attributes.FifoQueue === 'true',
      retentionSeconds: Number(attributes.MessageRetentionPeriod),
      redrive:
        attributes.RedrivePolicy === undefined
          ? undefined
          : (JSON.parse(attributes.RedrivePolicy) as {
              deadLetterTargetArn: string;
              maxReceiveCount: unknown;
            }),
    }).toEqual({
      fifo: spec.fifo,
      retentionSeconds: spec.retentionDays * 24 * 60 * 60,
      redrive:
        deadLetter === undefined
          ? undefined
          : {
              deadLetterTargetArn: stack.resources.queues[deadLetter.queue].arn,
              maxReceiveCount: expect.toSatisfy((count) => Number(count) === deadLetter.maxReceiveCount),
            },
    });
  });
});
