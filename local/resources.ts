import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ENV } from '../shared/runtime/environment.js';
import {
  type KeySchema,
  QUEUES,
  type QueueSpec,
  TABLES,
  type TableName,
  type TableSpec,
} from '../shared/runtime/resource-catalogue.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

export interface LocalEndpoints {
  readonly dynamoDb: string;
  readonly sqs: string;
}

export interface QueueResource {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

export interface LocalResources {
  readonly prefix: string;
  readonly tables: { readonly readings: string; readonly directory: string; readonly alerts: string };
  readonly readingsStreamArn: string;
  readonly queues: {
    readonly alerts: QueueResource;
    readonly alertsDlq: QueueResource;
    readonly syncJobs: QueueResource;
    readonly syncJobsDlq: QueueResource;
    readonly streamFailures: QueueResource;
  };
}

export interface CreateResourcesOptions {
  readonly endpoints: LocalEndpoints;
  /** Letters, digits, '-' and '_'; keeps parallel test files apart. */
  readonly prefix: string;
  /** Visibility timeout of the source queues; tests use 1 s so redrive is quick. Default 30. */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message goes to its DLQ. Default: the catalogue's (as in AWS). */
  readonly maxReceiveCount?: number;
}

export class InvalidResourcePrefixError extends Error {
  override readonly name = 'InvalidResourcePrefixError';
}

export const dynamoDbClientFor = (endpoints: LocalEndpoints): DynamoDBClient =>
  new DynamoDBClient({ endpoint: endpoints.dynamoDb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

export const sqsClientFor = (endpoints: LocalEndpoints): SQSClient =>
  new SQSClient({ endpoint: endpoints.sqs, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** Object.entries keeping the catalogue's key type. */
const catalogueEntries = <K extends string, V>(record: { readonly [key in K]: V }): [K, V][] =>
  Object.entries(record) as [K, V][];

/** CreateTable input for a catalogue table (its stream included; TTL is a separate call). */
const createTableInput = (tableName: string, spec: TableSpec): CreateTableCommandInput => {
  const keyAttributes = [spec.key, ...spec.indexes].flatMap((key) => [key.partitionKey, key.sortKey]);
  const keySchema = (key: KeySchema): KeySchemaElement[] => [
    { AttributeName: key.partitionKey, KeyType: 'HASH' },
    { AttributeName: key.sortKey, KeyType: 'RANGE' },
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(keyAttributes)].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    })),
    KeySchema: keySchema(spec.key),
    ...(spec.indexes.length === 0
      ? {}
      : {
          GlobalSecondaryIndexes: spec.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index),
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
    ...(spec.stream === undefined
      ? {}
      : { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } }),
  };
};

const tableNamesFor = (prefix: string) => ({
  readings: `${prefix}-readings`,
  directory: `${prefix}-directory`,
  alerts: `${prefix}-alerts`,
});

type QueueNames = { readonly [name in keyof typeof QUEUES]: string };

const queueNamesFor = (prefix: string): QueueNames => {
  const names: Partial<Record<keyof typeof QUEUES, string>> = {};
  for (const [name, spec] of catalogueEntries(QUEUES)) {
    names[name] = `${prefix}-${spec.stem}${spec.fifo ? '.fifo' : ''}`;
  }
  return names as QueueNames;
};

const createQueue = async (
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<QueueResource> => {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const url = created.QueueUrl;
  if (url === undefined) throw new Error(`CreateQueue returned no URL for ${name}`);
  const described = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = described.Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`GetQueueAttributes returned no ARN for ${name}`);
  return { name, url, arn };
};

const redrivePolicy = (deadLetter: QueueResource, maxReceiveCount: number) =>
  JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: String(maxReceiveCount) });

/**
 * Creates the catalogue's tables and queues (shared/runtime/resource-catalogue.ts, which infra also
 * builds from), names prefixed. Queues carry the same redrive policies, so poison messages end up in
 * the DLQs as in AWS.
 */
export const createResources = async (options: CreateResourcesOptions): Promise<LocalResources> => {
  const { prefix } = options;
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) {
    throw new InvalidResourcePrefixError(`Resource prefix must be 1-40 of [A-Za-z0-9_-], got "${prefix}"`);
  }
  const visibilityTimeout = String(options.visibilityTimeoutSeconds ?? 30);
  const tables = tableNamesFor(prefix);
  const names = queueNamesFor(prefix);
  const dynamoDb = dynamoDbClientFor(options.endpoints);
  const sqs = sqsClientFor(options.endpoints);
  try {
    const streamArns: Partial<Record<TableName, string>> = {};
    for (const [name, spec] of catalogueEntries<TableName, TableSpec>(TABLES)) {
      const created = await dynamoDb.send(new CreateTableCommand(createTableInput(tables[name], spec)));
      if (spec.stream !== undefined) streamArns[name] = created.TableDescription?.LatestStreamArn;
      if (spec.timeToLiveAttribute !== undefined) {
        // DynamoDB Local records the setting only; expired items stay, and no read path relies on TTL.
        await dynamoDb.send(
          new UpdateTimeToLiveCommand({
            TableName: tables[name],
            TimeToLiveSpecification: { AttributeName: spec.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    }
    const readingsStreamArn = streamArns.readings;
    if (readingsStreamArn === undefined) throw new Error(`No stream ARN for ${tables.readings}`);

    const queues: Partial<Record<keyof typeof QUEUES, QueueResource>> = {};
    for (const [name, spec] of catalogueEntries<keyof typeof QUEUES, QueueSpec>(QUEUES)) {
      const deadLetter = spec.deadLetter === undefined ? undefined : queues[spec.deadLetter.queue];
      if (spec.deadLetter !== undefined && deadLetter === undefined) {
        throw new Error(`${name} redrives to ${spec.deadLetter.queue}, which the catalogue lists after it`);
      }
      queues[name] = await createQueue(sqs, names[name], {
        ...(spec.fifo ? { FifoQueue: 'true' } : {}),
        MessageRetentionPeriod: String(spec.retentionDays * 24 * 60 * 60),
        ...(deadLetter === undefined || spec.deadLetter === undefined
          ? {}
          : {
              VisibilityTimeout: visibilityTimeout,
              RedrivePolicy: redrivePolicy(
                deadLetter,
                options.maxReceiveCount ?? spec.deadLetter.maxReceiveCount,
              ),
            }),
      });
    }
    return {
      prefix,
      tables,
      readingsStreamArn,
      queues: queues as LocalResources['queues'],
    };
  } finally {
    dynamoDb.destroy();
    sqs.destroy();
  }
};

/** Removes what createResources made; missing items are ignored. */
export const deleteResources = async (
  endpoints: LocalEndpoints,
  resources: LocalResources,
): Promise<void> => {
  const dynamoDb = dynamoDbClientFor(endpoints);
  const sqs = sqsClientFor(endpoints);
  try {
    await Promise.allSettled([
      ...Object.values(resources.tables).map((TableName) =>
        dynamoDb.send(new DeleteTableCommand({ TableName })),
      ),
      ...Object.values(resources.queues).map((queue) =>
        sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url })),
      ),
    ]);
  } finally {
    dynamoDb.destroy();
    sqs.destroy();
  }
};

/** The handlers' table and queue variables (names from ENV). */
export const environmentFor = (resources: LocalResources): Record<string, string> => ({
  [ENV.readingsTable]: resources.tables.readings,
  [ENV.directoryTable]: resources.tables.directory,
  [ENV.alertsTable]: resources.tables.alerts,
  [ENV.alertQueueUrl]: resources.queues.alerts.url,
  [ENV.syncQueueUrl]: resources.queues.syncJobs.url,
});

/** What the AWS SDK needs to reach the emulators: standard endpoint variables, region, dummy keys. */
export const awsEnvironmentFor = (endpoints: LocalEndpoints): Record<string, string> => ({
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamoDb,
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_REGION: LOCAL_REGION,
  AWS_DEFAULT_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
});
