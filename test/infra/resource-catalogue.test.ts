import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALERTS_SOURCE,
  type KeySchema,
  QUEUES,
  READINGS_STREAM_SOURCE,
  ROUTES,
  SYNC_JOBS_SOURCE,
  TABLES,
  type TableSpec,
} from '../../shared/runtime/resource-catalogue.js';
import { functionLogicalId, templatesOf } from './support/pulse-relay-app.js';

// The local stack builds from the same catalogue (test/integration/local/resources.test.ts); these tests
// prove the deployed templates do too, so the two cannot drift apart.

let stateful: Template;
let service: Template;

beforeAll(() => {
  ({ stateful, service } = templatesOf());
});

interface Resource {
  readonly Properties: Record<string, unknown>;
}

/** The one resource of a type whose logical id is `<prefix>` plus CDK's 8-hex-digit hash. */
const resourceNamed = (template: Template, type: string, prefix: string): [string, Resource] => {
  const matches = Object.entries(template.findResources(type)).filter(([id]) =>
    new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id),
  );
  if (matches.length !== 1) throw new Error(`Expected one ${type} ${prefix}, found ${matches.length}`);
  return matches[0] as [string, Resource];
};

const keySchema = (key: KeySchema) => [
  { AttributeName: key.partitionKey, KeyType: 'HASH' },
  { AttributeName: key.sortKey, KeyType: 'RANGE' },
];

const tableConstructIds: Record<keyof typeof TABLES, string> = {
  readings: 'TablesReadings',
  directory: 'TablesDirectory',
  alerts: 'TablesAlerts',
};

const queueConstructIds: Record<keyof typeof QUEUES, string> = {
  alerts: 'QueuesAlerts',
  alertsDlq: 'QueuesAlertsDeadLetterQueue',
  syncJobs: 'QueuesSyncJobs',
  syncJobsDlq: 'QueuesSyncJobsDeadLetterQueue',
  streamFailures: 'QueuesStreamFailuresQueue',
};

describe('the deployed tables are the catalogue tables', () => {
  it.each(Object.entries(TABLES) as [keyof typeof TABLES, TableSpec][])('%s', (name, spec) => {
    const [, table] = resourceNamed(stateful, 'AWS::DynamoDB::Table', tableConstructIds[name]);
    const attributes = [spec.key, ...spec.indexes].flatMap((key) => [key.partitionKey, key.sortKey]);
    expect({
      KeySchema: table.Properties.KeySchema,
      AttributeDefinitions: new Set(table.Properties.AttributeDefinitions as unknown[]),
      GlobalSecondaryIndexes: table.Properties.GlobalSecondaryIndexes,
      StreamSpecification: table.Properties.StreamSpecification,
      TimeToLiveSpecification: table.Properties.TimeToLiveSpecification,
    }).toEqual({
      KeySchema: keySchema(spec.key),
      AttributeDefinitions: new Set(
        [...new Set(attributes)].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      ),
      GlobalSecondaryIndexes:
        spec.indexes.length === 0
          ? undefined
          : spec.indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: keySchema(index),
              Projection: { ProjectionType: 'ALL' },
            })),
      StreamSpecification: spec.stream === undefined ? undefined : { StreamViewType: spec.stream },
      TimeToLiveSpecification:
        spec.timeToLiveAttribute === undefined
          ? undefined
          : { AttributeName: spec.timeToLiveAttribute, Enabled: true },
    });
  });

  it('has no table the catalogue does not list', () => {
    expect(Object.keys(stateful.findResources('AWS::DynamoDB::Table'))).toHaveLength(
      Object.keys(TABLES).length,
    );
  });
});

describe('the deployed queues are the catalogue queues', () => {
  it.each(Object.keys(QUEUES) as (keyof typeof QUEUES)[])('%s', (name) => {
    const spec: (typeof QUEUES)[keyof typeof QUEUES] = QUEUES[name];
    const [, queue] = resourceNamed(stateful, 'AWS::SQS::Queue', queueConstructIds[name]);
    const deadLetter = 'deadLetter' in spec ? spec.deadLetter : undefined;
    expect({
      FifoQueue: queue.Properties.FifoQueue,
      ContentBasedDeduplication: queue.Properties.ContentBasedDeduplication,
      MessageRetentionPeriod: queue.Properties.MessageRetentionPeriod,
      RedrivePolicy: queue.Properties.RedrivePolicy,
    }).toEqual({
      FifoQueue: spec.fifo ? true : undefined,
      ContentBasedDeduplication: spec.fifo ? false : undefined,
      MessageRetentionPeriod: spec.retentionDays * 24 * 60 * 60,
      RedrivePolicy:
        deadLetter === undefined
          ? undefined
          : {
              deadLetterTargetArn: {
                'Fn::GetAtt': [
                  resourceNamed(stateful, 'AWS::SQS::Queue', queueConstructIds[deadLetter.queue])[0],
                  'Arn',
                ],
              },
              maxReceiveCount: deadLetter.maxReceiveCount,
            },
    });
  });
});

describe('the deployed event sources and routes are the catalogue ones', () => {
  const mappingOf = (functionName: string): Record<string, unknown> => {
    const mappings = Object.values(service.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (mapping) =>
        JSON.stringify(mapping.Properties.FunctionName) ===
        JSON.stringify({ Ref: functionLogicalId(service, functionName) }),
    );
    expect(mappings).toHaveLength(1);
    return (mappings[0] as Resource).Properties;
  };

  it('the readings stream', () => {
    const source = READINGS_STREAM_SOURCE;
    const mapping = mappingOf(source.function);
    expect(mapping).toMatchObject({
      EventSourceArn: {
        'Fn::ImportValue': expect.stringContaining(`${tableConstructIds[source.table]}`),
      },
      BatchSize: source.batchSize,
      MaximumBatchingWindowInSeconds: source.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: source.bisectBatchOnError,
      MaximumRetryAttempts: source.retryAttempts,
      FunctionResponseTypes: source.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::ImportValue': expect.stringContaining(queueConstructIds[source.onFailure]) },
        },
      },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: source.eventNames }) }] },
    });
  });

  it.each([
    ['sync-jobs', SYNC_JOBS_SOURCE],
    ['care-team alerts', ALERTS_SOURCE],
  ])('the %s queue', (_name, source) => {
    expect(mappingOf(source.function)).toMatchObject({
      EventSourceArn: { 'Fn::ImportValue': expect.stringContaining(queueConstructIds[source.queue]) },
      BatchSize: source.batchSize,
      FunctionResponseTypes: source.reportBatchItemFailures ? ['ReportBatchItemFailures'] : undefined,
    });
  });

  it('has no event source the catalogue does not declare', () => {
    expect(Object.keys(service.findResources('AWS::Lambda::EventSourceMapping'))).toHaveLength(3);
  });

  it('the HTTP API routes, with an authoriser exactly where the catalogue names one', () => {
    const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route')).map((route) => ({
      routeKey: route.Properties.RouteKey,
      authorised: route.Properties.AuthorizationType === 'CUSTOM',
    }));
    expect(new Set(routes)).toEqual(
      new Set(
        ROUTES.map((route) => ({
          routeKey: `${route.method} ${route.path}`,
          authorised: route.authorizer !== undefined,
        })),
      ),
    );
  });
});
