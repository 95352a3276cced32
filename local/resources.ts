import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ENV } from '../shared/runtime/environment.js';
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
  /** Receives before a message goes to its DLQ. Default 5, as in infra. */
  readonly maxReceiveCount?: number;
}

export class InvalidResourcePrefixError extends Error {
  override readonly name = 'InvalidResourcePrefixError';
}

export const dynamoDbClientFor = (endpoints: LocalEndpoints): DynamoDBClient =>
  new DynamoDBClient({ endpoint: endpoints.dynamoDb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

export const sqsClientFor = (endpoints: LocalEndpoints): SQSClient =>
  new SQSClient({ endpoint: endpoints.sqs, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

const keySchema = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
});

const withGsi1 = (input: CreateTableCommandInput): CreateTableCommandInput => ({
  ...input,
  AttributeDefinitions: [
    ...(input.AttributeDefinitions ?? []),
    { AttributeName: 'gsi1pk', AttributeType: 'S' },
    { AttributeName: 'gsi1sk', AttributeType: 'S' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'gsi1',
      KeySchema: [
        { AttributeName: 'gsi1pk', KeyType: 'HASH' },
        { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});

const tableNamesFor = (prefix: string) => ({
  readings: `${prefix}-readings`,
  directory: `${prefix}-directory`,
  alerts: `${prefix}-alerts`,
});

const queueNamesFor = (prefix: string) => ({
  alerts: `${prefix}-alerts.fifo`,
  alertsDlq: `${prefix}-alerts-dlq.fifo`,
  syncJobs: `${prefix}-sync-jobs`,
  syncJobsDlq: `${prefix}-sync-jobs-dlq`,
  streamFailures: `${prefix}-stream-failures`,
});

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
 * Creates the tables and queues with the shapes infra gives them, names prefixed. Queues carry
 * the same redrive policies, so poison messages end up in the DLQs as in AWS.
 */
export const createResources = async (options: CreateResourcesOptions): Promise<LocalResources> => {
  const { prefix } = options;
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(prefix)) {
    throw new InvalidResourcePrefixError(`Resource prefix must be 1-40 of [A-Za-z0-9_-], got "${prefix}"`);
  }
  const visibilityTimeout = String(options.visibilityTimeoutSeconds ?? 30);
  const maxReceiveCount = options.maxReceiveCount ?? 5;
  const tables = tableNamesFor(prefix);
  const names = queueNamesFor(prefix);
  const dynamoDb = dynamoDbClientFor(options.endpoints);
  const sqs = sqsClientFor(options.endpoints);
  try {
    const readings = await dynamoDb.send(
      new CreateTableCommand({
        ...keySchema(tables.readings),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await dynamoDb.send(new CreateTableCommand(withGsi1(keySchema(tables.directory))));
    // As in infra: expired invitations are removed by TTL (DynamoDB Local records the setting only).
    await dynamoDb.send(
      new UpdateTimeToLiveCommand({
        TableName: tables.directory,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    );
    await dynamoDb.send(new CreateTableCommand(withGsi1(keySchema(tables.alerts))));
    const readingsStreamArn = readings.TableDescription?.LatestStreamArn;
    if (readingsStreamArn === undefined) throw new Error(`No stream ARN for ${tables.readings}`);

    const fifo = { FifoQueue: 'true' };
    const alertsDlq = await createQueue(sqs, names.alertsDlq, { ...fifo, MessageRetentionPeriod: '1209600' });
    const alerts = await createQueue(sqs, names.alerts, {
      ...fifo,
      VisibilityTimeout: visibilityTimeout,
      RedrivePolicy: redrivePolicy(alertsDlq, maxReceiveCount),
    });
    const syncJobsDlq = await createQueue(sqs, names.syncJobsDlq, { MessageRetentionPeriod: '1209600' });
    const syncJobs = await createQueue(sqs, names.syncJobs, {
      VisibilityTimeout: visibilityTimeout,
      RedrivePolicy: redrivePolicy(syncJobsDlq, maxReceiveCount),
    });
    const streamFailures = await createQueue(sqs, names.streamFailures, {
      MessageRetentionPeriod: '1209600',
    });
    return {
      prefix,
      tables,
      readingsStreamArn,
      queues: { alerts, alertsDlq, syncJobs, syncJobsDlq, streamFailures },
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
