import type { Context } from 'aws-lambda';
import { CONSOLE_ROUTES, FHIR_ROUTES } from '../infra/api-routes.js';
import { FUNCTION_NAMES, type FunctionName } from '../infra/function-names.js';
import { ENV } from '../shared/runtime/environment.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { findFreePort } from './free-port.js';
import { type HttpApiAdapter, type HttpRoute, startHttpApiAdapter } from './http-api-adapter.js';
import { requireJava } from './java-requirement.js';
import {
  awsEnvironmentFor,
  createResources,
  environmentFor,
  type LocalEndpoints,
  type LocalResources,
} from './resources.js';
import { type ScheduleRunner, startScheduleRunner } from './schedule-runner.js';
import { type SqsEmulator, startSqsEmulator } from './sqs-emulator.js';
import { type SqsRunner, startSqsRunner } from './sqs-runner.js';
import { type StreamRunner, startStreamRunner } from './stream-runner.js';

export { FUNCTION_NAMES, type FunctionName };

/** Resolves to a handler module (an object exporting `handler`), e.g. `() => import('...')`. */
export type HandlerLoader = () => Promise<unknown>;

/** Lambda handlers take an event and a context; the adapters check the event shapes. */
export type LambdaHandler = (event: never, context: Context) => unknown;

export interface LocalStackOptions {
  /** HTTP API port; 0 or absent: a free port. */
  readonly port?: number;
  /** Interface the HTTP API listens on. Default 127.0.0.1; 0.0.0.0 lets devices on the LAN post. */
  readonly host?: string;
  /** Prefix of table and queue names. Default 'pulse-relay'. */
  readonly prefix?: string;
  /** Loaders by function; absent ones load functions/<name>/handler.js. Loaded after env is set. */
  readonly functions?: Partial<Record<FunctionName, HandlerLoader>>;
  /** Extra environment for the handlers (simulator URLs, local keys...). PUBLIC_BASE_URL defaults to the API URL. */
  readonly environment?: Record<string, string>;
  /** Visibility timeout of the sync-jobs and alert queues. Default 30 s. */
  readonly visibilityTimeoutSeconds?: number;
  /** Catch-up schedule; false turns it off. Default 30 minutes, as in infra. */
  readonly catchUpIntervalMs?: number | false;
  /**
   * Weekly summary schedule; false turns it off. Default 7 days from start: locally the deployment's day and
   * time do not apply (run it now with triggerWeeklySummary).
   */
  readonly weeklySummaryIntervalMs?: number | false;
  /** Alert follow-up schedule (reminders, baseline summaries, bp-no-readings); false turns it off. Default 1 minute. */
  readonly alertFollowUpIntervalMs?: number | false;
  /** Fail instead of skipping a function whose handler cannot be loaded. */
  readonly strict?: boolean;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly endpoints: LocalEndpoints;
  readonly resources: LocalResources;
  /** Every variable set in process.env for the handlers. */
  readonly environment: Readonly<Record<string, string>>;
  readonly loaded: readonly FunctionName[];
  readonly skipped: readonly { readonly name: FunctionName; readonly reason: string }[];
  /** Runs catch-up now (if loaded). */
  triggerCatchUp(): Promise<void>;
  /** Runs the weekly summary now (if loaded). */
  triggerWeeklySummary(): Promise<void>;
  /** Runs the alert follow-up now (if loaded). */
  triggerAlertFollowUp(): Promise<void>;
  /** Stops everything, DynamoDB Local's JVM included. Idempotent. */
  stop(): Promise<void>;
}

export class HandlerLoadError extends Error {
  override readonly name = 'HandlerLoadError';
}

const defaultLoader =
  (name: FunctionName): HandlerLoader =>
  () =>
    import(`../functions/${name}/handler.js`);

const isLambdaHandler = (value: unknown): value is LambdaHandler => typeof value === 'function';

const handlerOf = (module: unknown, name: FunctionName): LambdaHandler => {
  const handler =
    typeof module === 'object' && module !== null && 'handler' in module ? module.handler : undefined;
  if (!isLambdaHandler(handler))
    throw new HandlerLoadError(`functions/${name}/handler does not export a handler`);
  return handler;
};

/** HTTP routes of the catalogue. */
const routesFor = (handlers: ReadonlyMap<FunctionName, LambdaHandler>, warn: (message: string) => void) => {
  const routes: HttpRoute[] = [];
  const add = (name: FunctionName, method: string, path: string, authorizerName?: FunctionName) => {
    const handler = handlers.get(name);
    if (handler === undefined) return;
    if (authorizerName === undefined) {
      routes.push({ method, path, functionName: name, handler });
      return;
    }
    const authorizer = handlers.get(authorizerName);
    if (authorizer === undefined) {
      warn(`${method} ${path} is not served: its authoriser ${authorizerName} is not loaded`);
      return;
    }
    routes.push({
      method,
      path,
      functionName: name,
      handler,
      authorizer: { functionName: authorizerName, handler: authorizer },
    });
  };
  add('ingest-blood-pressure', 'POST', '/v1/blood-pressure', 'authorize-device');
  add('google-health-webhook', 'POST', '/v1/webhooks/google-health');
  add('link-pages', 'GET', '/v1/link/{invitationId}');
  add('link-pages', 'GET', '/v1/link/{invitationId}/start');
  add('link-pages', 'GET', '/v1/oauth/google/callback');
  for (const path of CONSOLE_ROUTES) add('console', 'ANY', path);
  for (const path of FHIR_ROUTES) add('console', 'GET', path);
  return routes;
};

/**
 * Starts the whole backend on this machine: DynamoDB Local, fauxqs, the tables and queues, the
 * HTTP API, the stream and queue runners and the catch-up and alert follow-up schedules, all calling the
 * real handlers.
 * Handlers are imported only after process.env points at the emulators, because they read their
 * configuration and create their clients at module load.
 */
export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const warn = (message: string) => log(`[local-stack] ${message}`);
  await requireJava();

  let dynamoDb: DynamoDbLocal | undefined;
  let sqsEmulator: SqsEmulator | undefined;
  let http: HttpApiAdapter | undefined;
  const runners: (StreamRunner | SqsRunner | ScheduleRunner)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await http?.stop();
      await Promise.allSettled(runners.map((runner) => runner.stop()));
      await sqsEmulator?.stop();
      await dynamoDb?.stop();
    })();
    return stopping;
  };

  try {
    [dynamoDb, sqsEmulator] = await Promise.all([startDynamoDbLocal(), startSqsEmulator()]);
    const endpoints: LocalEndpoints = { dynamoDb: dynamoDb.endpoint, sqs: sqsEmulator.endpoint };
    const resources = await createResources({
      endpoints,
      prefix: options.prefix ?? 'pulse-relay',
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    });
    const port = options.port !== undefined && options.port !== 0 ? options.port : await findFreePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const environment = {
      ...awsEnvironmentFor(endpoints),
      ...environmentFor(resources),
      [ENV.publicBaseUrl]: apiUrl,
      // EMF lines only mean something to CloudWatch; locally they would bury the demo's output.
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      ...options.environment,
    };
    Object.assign(process.env, environment);

    const handlers = new Map<FunctionName, LambdaHandler>();
    const skipped: { name: FunctionName; reason: string }[] = [];
    for (const name of FUNCTION_NAMES) {
      const loader = options.functions?.[name] ?? defaultLoader(name);
      try {
        handlers.set(name, handlerOf(await loader(), name));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (options.strict === true) throw new HandlerLoadError(`Could not load ${name}: ${reason}`);
        skipped.push({ name, reason });
        warn(`skipping ${name}: could not load functions/${name}/handler (${reason})`);
      }
    }

    http = await startHttpApiAdapter({ routes: routesFor(handlers, warn), port, host: options.host, log });
    const evaluateAlerts = handlers.get('evaluate-alerts');
    if (evaluateAlerts !== undefined) {
      runners.push(
        await startStreamRunner({
          streamArn: resources.readingsStreamArn,
          functionName: 'evaluate-alerts',
          handler: evaluateAlerts,
          endpoint: endpoints.dynamoDb,
          sqsEndpoint: endpoints.sqs,
          eventNames: ['INSERT', 'MODIFY'],
          batchSize: 25,
          maximumRetryAttempts: 5,
          bisectBatchOnFunctionError: true,
          onFailureQueueUrl: resources.queues.streamFailures.url,
          log,
        }),
      );
    }
    const syncWorker = handlers.get('sync-worker');
    if (syncWorker !== undefined) {
      runners.push(
        await startSqsRunner({
          queueUrl: resources.queues.syncJobs.url,
          functionName: 'sync-worker',
          handler: syncWorker,
          endpoint: endpoints.sqs,
          batchSize: 10,
          log,
        }),
      );
    }
    const catchUp = handlers.get('catch-up');
    const catchUpInterval = options.catchUpIntervalMs ?? 30 * 60 * 1000;
    const schedule =
      catchUp === undefined || catchUpInterval === false
        ? undefined
        : startScheduleRunner({
            functionName: 'catch-up',
            handler: catchUp,
            intervalMs: catchUpInterval,
            log,
          });
    if (schedule !== undefined) runners.push(schedule);
    const weeklySummary = handlers.get('weekly-summary');
    const weeklyInterval = options.weeklySummaryIntervalMs ?? 7 * 24 * 60 * 60 * 1000;
    const weeklySchedule =
      weeklySummary === undefined || weeklyInterval === false
        ? undefined
        : startScheduleRunner({
            functionName: 'weekly-summary',
            handler: weeklySummary,
            intervalMs: weeklyInterval,
            log,
          });
    if (weeklySchedule !== undefined) runners.push(weeklySchedule);
    const followUp = handlers.get('alert-follow-up');
    const followUpInterval = options.alertFollowUpIntervalMs ?? 60 * 1000;
    const followUpSchedule =
      followUp === undefined || followUpInterval === false
        ? undefined
        : startScheduleRunner({
            functionName: 'alert-follow-up',
            handler: followUp,
            intervalMs: followUpInterval,
            log,
          });
    if (followUpSchedule !== undefined) runners.push(followUpSchedule);

    return {
      apiUrl: http.url,
      endpoints,
      resources,
      environment,
      loaded: [...handlers.keys()],
      skipped,
      triggerCatchUp: () => schedule?.trigger() ?? Promise.resolve(),
      triggerWeeklySummary: () => weeklySchedule?.trigger() ?? Promise.resolve(),
      triggerAlertFollowUp: () => followUpSchedule?.trigger() ?? Promise.resolve(),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
