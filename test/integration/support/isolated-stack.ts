import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { inject } from 'vitest';
import { resolveLocalhostSubdomains } from '../../../local/localhost-dns.js';
import {
  awsEnvironmentFor,
  createResources,
  deleteResources,
  dynamoDbClientFor,
  environmentFor,
  type LocalEndpoints,
  type LocalResources,
  sqsClientFor,
} from '../../../local/resources.js';
import { type SqsRunner, type SqsRunnerOptions, startSqsRunner } from '../../../local/sqs-runner.js';
import {
  type StreamRunner,
  type StreamRunnerOptions,
  startStreamRunner,
} from '../../../local/stream-runner.js';
import './provided-context.js';

export class EmulatorsNotStartedError extends Error {
  override readonly name = 'EmulatorsNotStartedError';
  constructor() {
    super(
      'No emulator endpoints: run integration tests through the vitest "integration" project (global-setup).',
    );
  }
}

/** Endpoints of the emulators that global-setup started for this run. */
export const localEndpoints = (): LocalEndpoints => {
  const endpoints: LocalEndpoints | undefined = inject('localEndpoints');
  if (endpoints === undefined) throw new EmulatorsNotStartedError();
  return endpoints;
};

export interface IsolatedStackOptions {
  /** Source queue visibility timeout; keep it small (1 s) in redrive tests. Default 30. */
  readonly visibilityTimeoutSeconds?: number;
  readonly maxReceiveCount?: number;
  /** Extra variables for the handlers. */
  readonly environment?: Record<string, string>;
}

export interface IsolatedStack {
  readonly prefix: string;
  readonly endpoints: LocalEndpoints;
  readonly resources: LocalResources;
  /** Every variable set in process.env for handlers under test. */
  readonly environment: Readonly<Record<string, string>>;
  readonly dynamoDb: DynamoDBClient;
  readonly sqs: SQSClient;
  /** Stream runner on the readings table (endpoints and stream ARN filled in). */
  startReadingsStreamRunner(
    options: Omit<StreamRunnerOptions, 'streamArn' | 'endpoint' | 'sqsEndpoint'>,
  ): Promise<StreamRunner>;
  /** SQS runner on any queue (endpoint filled in). */
  startQueueRunner(options: Omit<SqsRunnerOptions, 'endpoint'>): Promise<SqsRunner>;
  /** Stops runners, deletes the resources, restores process.env. */
  stop(): Promise<void>;
}

/**
 * Tables and queues of this test file's own, under a random prefix, on the shared emulators; sets
 * process.env so handlers imported afterwards (`await import(...)`) use them.
 */
export const createIsolatedStack = async (options: IsolatedStackOptions = {}): Promise<IsolatedStack> => {
  resolveLocalhostSubdomains();
  const endpoints = localEndpoints();
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const resources = await createResources({
    endpoints,
    prefix,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    maxReceiveCount: options.maxReceiveCount,
  });
  const environment = {
    ...awsEnvironmentFor(endpoints),
    ...environmentFor(resources),
    ...options.environment,
  };
  const previous = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  Object.assign(process.env, environment);
  const dynamoDb = dynamoDbClientFor(endpoints);
  const sqs = sqsClientFor(endpoints);
  const runners: (StreamRunner | SqsRunner)[] = [];
  return {
    prefix,
    endpoints,
    resources,
    environment,
    dynamoDb,
    sqs,
    startReadingsStreamRunner: async (runnerOptions) => {
      const runner = await startStreamRunner({
        ...runnerOptions,
        streamArn: resources.readingsStreamArn,
        endpoint: endpoints.dynamoDb,
        sqsEndpoint: endpoints.sqs,
      });
      runners.push(runner);
      return runner;
    },
    startQueueRunner: async (runnerOptions) => {
      const runner = await startSqsRunner({ ...runnerOptions, endpoint: endpoints.sqs });
      runners.push(runner);
      return runner;
    },
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
      await deleteResources(endpoints, resources);
      dynamoDb.destroy();
      sqs.destroy();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
};
