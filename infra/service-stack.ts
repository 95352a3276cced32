import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../shared/runtime/environment.js';
import {
  ALERTS_SOURCE,
  MAX_RECEIVE_COUNT,
  OAUTH_CALLBACK_PATH,
  READINGS_STREAM_SOURCE,
  ROUTES,
  type RouteSpec,
  SYNC_JOBS_SOURCE,
  WEBHOOK_ROUTE,
} from '../shared/runtime/resource-catalogue.js';
import { type PulseRelayConfig, reservesConcurrency } from './config.js';
import { FailureQueue } from './constructs/failure-queue.js';
import { bindFunction, type FunctionBindings } from './constructs/function-bindings.js';
import { OperationalAlarms } from './constructs/operational-alarms.js';
import { ServiceFunction } from './constructs/service-function.js';
import { FUNCTION_NAMES, FUNCTION_SETTINGS, type FunctionName } from './function-settings.js';
import { acknowledgeServiceFindings } from './nag-suppressions.js';
import type { StatefulResources } from './stateful-stack.js';

export interface ServiceStackProps extends StackProps {
  readonly config: PulseRelayConfig;
  readonly stateful: StatefulResources;
}

/** Why a route without an API Gateway authoriser is safe: its function authenticates the caller itself. */
const SELF_AUTHENTICATION: Partial<Record<FunctionName, string>> = {
  'google-health-webhook':
    'Called by Google, which cannot use our authoriser: the function checks the shared Authorization ' +
    'value and the ECDSA P-256 signature over the raw body before doing anything.',
  'link-pages':
    'Opened by a member in a browser from an invitation link: the unguessable single-use invitation id ' +
    'and the OAuth state/PKCE check in the function are the authorisation; members have no other login.',
  console:
    'The care-team console pages check the sealed session cookie from the console sign-in and the staff ' +
    "user's care teams on every request, and the team of every member they show.",
  'console-sign-in':
    'Staff sign in here (OpenID Connect code flow with PKCE against the Cognito user pool, MFA required), ' +
    'so it must be reachable before there is a session; sign-out needs the session and its CSRF token.',
  'console-actions':
    "The console's alert forms check the sealed session cookie, the CSRF token bound to it, the staff " +
    "user's care teams and the team of the member concerned before changing anything.",
  'console-invitations':
    'Creating a link invitation checks the sealed session cookie, the CSRF token bound to it, the staff ' +
    "user's care teams and the member's team before writing anything.",
  'fhir-export':
    'The FHIR export checks the sealed session cookie from the console sign-in and the team of the member ' +
    'exported; every export and every refusal is audited.',
};

/** Functions, their triggers and the HTTP API. Holds no data: it can be destroyed and redeployed. */
export class ServiceStack extends Stack {
  readonly functions: Record<FunctionName, ServiceFunction>;
  readonly api: apigwv2.HttpApi;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `pulse-relay-${config.stage}`,
      description: 'pulse-relay device uploads, Google Health webhooks and member link pages',
      createDefaultStage: false,
    });
    const { stage, accessLogs } = this.createDefaultStage(config, stateful);
    new OperationalAlarms(this, 'Alarms', {
      stage: config.stage,
      api: this.api,
      apiStageName: '$default',
      accessLogs,
      alarmAction: stateful.alarmAction,
    });
    const publicBaseUrl = config.publicBaseUrl ?? this.api.apiEndpoint;
    if (config.googleClientId === undefined) {
      Annotations.of(this).addWarningV2(
        'pulse-relay:googleClientIdMissing',
        'googleClientId is not set: linking Fitbits through Google will fail until it is (docs/deploy.md).',
      );
    }

    const googleEnvironment = {
      [ENV.googleHealthApiUrl]: config.googleHealthApiUrl,
      [ENV.googleOAuthAuthorizeUrl]: config.googleOAuthAuthorizeUrl,
      [ENV.googleOAuthTokenUrl]: config.googleOAuthTokenUrl,
      [ENV.googleOAuthRevokeUrl]: config.googleOAuthRevokeUrl,
      [ENV.googleClientId]: config.googleClientId ?? 'not-configured',
    };

    const scheduleFailures = new FailureQueue(this, 'ScheduleFailures', {
      key: stateful.dataKey,
      alarmAction: stateful.alarmAction,
      meaning:
        'Scheduled catch-up or alert follow-up runs failed after retries; wearable syncs, no-data alerts ' +
        'and alert reminders may be late.',
    });

    // A public client (no secret): the console uses authorisation code with PKCE.
    const consoleClient = new cognito.UserPoolClient(this, 'ConsoleClient', {
      userPool: stateful.staffUserPool,
      userPoolClientName: `pulse-relay-${config.stage}-console`,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${publicBaseUrl}/console/auth/callback`],
        logoutUrls: [`${publicBaseUrl}/console/signed-out`],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(60),
      accessTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
    });
    // Only the sign-in function talks to the identity provider.
    const oidcEnvironment = {
      [ENV.publicBaseUrl]: publicBaseUrl,
      [ENV.consoleOidcIssuer]: stateful.staffIssuer,
      [ENV.consoleOidcClientId]: consoleClient.userPoolClientId,
    };

    const reserveConcurrency = reservesConcurrency(config);
    Annotations.of(this).addInfo(concurrencyQuotaNote(reserveConcurrency));

    const define = (
      name: FunctionName,
      bindings: FunctionBindings,
      environment: Record<string, string> = {},
      asyncDeadLetterQueue?: sqs.IQueue,
    ): ServiceFunction => {
      const construct = new ServiceFunction(this, toConstructId(name), {
        name,
        stage: config.stage,
        logKey: stateful.dataKey,
        logRetention: config.logRetentionDays,
        alarmAction: stateful.alarmAction,
        reserveConcurrency,
        sourceMapsAtRuntime: config.sourceMapsAtRuntime === 'on',
        environment,
        ...(asyncDeadLetterQueue === undefined ? {} : { asyncDeadLetterQueue }),
      });
      bindFunction(construct.function, stateful, bindings);
      return construct;
    };

    this.functions = {
      // Alerts and the alert queue: a refused item with a severe blood pressure raises reading-refused.
      'ingest-blood-pressure': define('ingest-blood-pressure', {
        readings: 'readWrite',
        directory: { read: ['MEMBER'] },
        alerts: 'readWrite',
        alertQueue: 'send',
      }),
      'authorize-device': define('authorize-device', { directory: { read: ['DEVICE'] } }),
      // DEVICE: when the reading's monitor was registered (baseline readings only count in a summary).
      'evaluate-alerts': define('evaluate-alerts', {
        readings: 'read',
        directory: { read: ['MEMBER', 'DEVICE'], write: ['MEMBER'] },
        alerts: 'readWrite',
        alertQueue: 'send',
      }),
      // Google's signing keys are fetched from Google at run time (no pinned keyset in AWS). No table
      // access: it answers Google before any lookup, and the sync worker finds the member. The
      // Authorization secret is read from Secrets Manager at run time, never put in the environment.
      'google-health-webhook': define('google-health-webhook', {
        syncQueue: 'send',
        webhookAuthorizationSecret: 'read',
      }),
      'link-pages': define(
        'link-pages',
        {
          directory: { read: ['INVITE', 'MEMBER', 'HEALTHUSER'], write: ['INVITE', 'MEMBER', 'HEALTHUSER'] },
          syncQueue: 'send',
          tokenKey: 'envelope',
          googleClientSecret: 'read',
        },
        { ...googleEnvironment, [ENV.publicBaseUrl]: publicBaseUrl },
      ),
      'sync-worker': define(
        'sync-worker',
        {
          readings: 'readWrite',
          directory: { read: ['MEMBER'], write: ['MEMBER'] },
          alerts: 'readWrite',
          alertQueue: 'send',
          // Continuation jobs: a long backfill is a chain of bounded jobs.
          syncQueue: 'send',
          tokenKey: 'envelope',
          googleClientSecret: 'read',
        },
        { ...googleEnvironment, [ENV.publicBaseUrl]: publicBaseUrl },
      ),
      'catch-up': define(
        'catch-up',
        { directory: 'read', alerts: 'readWrite', alertQueue: 'send', syncQueue: 'send' },
        {},
        scheduleFailures.queue,
      ),
      // Member list on gsi1, each member's profile and thresholds: MEMBER partitions only.
      'weekly-summary': define(
        'weekly-summary',
        {
          readings: 'read',
          directory: { read: ['MEMBER'], index: true },
          alerts: 'readWrite',
          alertQueue: 'send',
        },
        {},
        scheduleFailures.queue,
      ),
      'alert-follow-up': define(
        'alert-follow-up',
        {
          readings: 'read',
          directory: { read: ['MEMBER'], index: true },
          alerts: 'readWrite',
          alertQueue: 'send',
        },
        {},
        scheduleFailures.queue,
      ),
      // The care-team queue's consumer. Directory items narrowed to what delivery needs: the member (their
      // team), the team's channels and its own delivery records; no alerts table, no other secrets.
      'deliver-alerts': define(
        'deliver-alerts',
        {
          directory: { read: ['MEMBER', 'TEAM', 'DELIVERY'], write: ['DELIVERY'] },
          mail: 'send',
          teamWebhookSecrets: 'read',
        },
        {
          [ENV.publicBaseUrl]: publicBaseUrl,
          [ENV.secureEmailDomains]: config.secureEmailDomains,
          [ENV.alertQueueMaxReceives]: String(MAX_RECEIVE_COUNT),
        },
      ),
      // The console is five functions (docs/console.md), each with only what it uses. None has DEVICE,
      // HEALTHUSER, INVITE reads, the token key or the Google secret: no credentials of any kind.
      // Pages: STAFF (who signed in, their teams), MEMBER (roster on gsi1's MEMBERS partition only,
      // profiles, thresholds, link status); readings and alerts read-only, by member (no alerts index);
      // writes nothing but the audit trail of who looked at what.
      console: define(
        'console',
        {
          readings: 'read',
          directory: { read: ['STAFF', 'MEMBER'], write: ['AUDIT'], index: ['MEMBERS'] },
          alerts: { access: 'read', index: false },
          consoleSessionKey: 'read',
        },
        { [ENV.publicBaseUrl]: publicBaseUrl },
      ),
      // Sign-in and sign-out: the identity provider and the session key; no table at all.
      'console-sign-in': define('console-sign-in', { consoleSessionKey: 'read' }, oidcEnvironment),
      // Alert forms: acknowledge and snooze change alerts (by member, no index). No readings, no invitations.
      'console-actions': define(
        'console-actions',
        {
          directory: { read: ['STAFF', 'MEMBER'], write: ['AUDIT'] },
          alerts: { access: 'readWrite', index: false },
          consoleSessionKey: 'read',
        },
        { [ENV.publicBaseUrl]: publicBaseUrl },
      ),
      // Link invitations: written, never read back (it cannot read an invitation or a link). No alerts,
      // no readings.
      'console-invitations': define(
        'console-invitations',
        {
          directory: { read: ['STAFF', 'MEMBER'], write: ['AUDIT', 'INVITE'] },
          consoleSessionKey: 'read',
        },
        { [ENV.publicBaseUrl]: publicBaseUrl },
      ),
      // FHIR export: readings read, the team check and the audit trail. No alerts table.
      'fhir-export': define(
        'fhir-export',
        {
          readings: 'read',
          directory: { read: ['STAFF', 'MEMBER'], write: ['AUDIT'] },
          consoleSessionKey: 'read',
        },
        { [ENV.publicBaseUrl]: publicBaseUrl },
      ),
    };
    const fn = (name: FunctionName): lambda.Function => this.functions[name].function;

    const selfAuthenticatingRoutes = this.addRoutes(fn);

    const stream = READINGS_STREAM_SOURCE;
    fn(stream.function).addEventSource(
      new eventSources.DynamoEventSource(stateful.readingsTable, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: stream.batchSize,
        maxBatchingWindow: Duration.seconds(stream.maxBatchingWindowSeconds),
        bisectBatchOnError: stream.bisectBatchOnError,
        retryAttempts: stream.retryAttempts,
        reportBatchItemFailures: stream.reportBatchItemFailures,
        onFailure: new eventSources.SqsDlq(stateful.streamFailuresQueue),
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.or(...stream.eventNames) })],
      }),
    );

    // Evaluation falling behind the stream means alerts reach care teams late.
    fn('evaluate-alerts')
      .metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) })
      .createAlarm(this, 'EvaluateAlertsBehind', {
        alarmDescription:
          'Alert evaluation is more than 5 minutes behind the readings stream; alerts are late.',
        threshold: Duration.minutes(5).toMilliseconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(stateful.alarmAction);

    const syncJobs = SYNC_JOBS_SOURCE;
    fn(syncJobs.function).addEventSource(
      new eventSources.SqsEventSource(stateful.syncQueue, {
        batchSize: syncJobs.batchSize,
        reportBatchItemFailures: syncJobs.reportBatchItemFailures,
        // Not above the reserved concurrency, so throttled polls do not burn receive counts.
        maxConcurrency: FUNCTION_SETTINGS[syncJobs.function].reservedConcurrency,
      }),
    );

    // Failures are retried by the queue, then dead-lettered (alarmed in the stateful stack).
    fn(ALERTS_SOURCE.function).addEventSource(
      new eventSources.SqsEventSource(stateful.alertQueue, {
        batchSize: ALERTS_SOURCE.batchSize,
        reportBatchItemFailures: ALERTS_SOURCE.reportBatchItemFailures,
        maxConcurrency: FUNCTION_SETTINGS[ALERTS_SOURCE.function].reservedConcurrency,
      }),
    );
    if (config.alertEmailFrom === undefined) {
      Annotations.of(this).addWarningV2(
        'pulse-relay:alertEmailFromMissing',
        'alertEmailFrom is not set: care-team emails cannot be sent until it is (docs/delivery.md).',
      );
    }

    new events.Rule(this, 'CatchUpSchedule', {
      description: 'Queues wearable syncs for members who are due and checks for missing data',
      schedule: events.Schedule.rate(Duration.minutes(config.catchUpRateMinutes)),
      targets: [
        new targets.LambdaFunction(fn('catch-up'), {
          deadLetterQueue: scheduleFailures.queue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(config.catchUpRateMinutes),
        }),
      ],
    });

    const [summaryHour, summaryMinute] = config.weeklySummaryTime.split(':');
    new events.Rule(this, 'WeeklySummarySchedule', {
      description: "Sends each member's care team their weekly summary (day and time from config, UTC)",
      schedule: events.Schedule.cron({
        weekDay: config.weeklySummaryDay,
        hour: String(Number(summaryHour)),
        minute: String(Number(summaryMinute)),
      }),
      targets: [
        new targets.LambdaFunction(fn('weekly-summary'), {
          deadLetterQueue: scheduleFailures.queue,
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    new events.Rule(this, 'AlertFollowUpSchedule', {
      description:
        'Sends alert reminders and held baseline summaries; checks for missing blood-pressure readings',
      schedule: events.Schedule.rate(Duration.minutes(config.alertFollowUpRateMinutes)),
      targets: [
        new targets.LambdaFunction(fn('alert-follow-up'), {
          deadLetterQueue: scheduleFailures.queue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(config.alertFollowUpRateMinutes),
        }),
      ],
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'PublicBaseUrl', {
      value: publicBaseUrl,
      description: 'PUBLIC_BASE_URL: base of the member link pages and the OAuth redirect',
    });
    new CfnOutput(this, 'OAuthRedirectUri', {
      value: `${publicBaseUrl}${OAUTH_CALLBACK_PATH}`,
      description: 'Register this as an authorised redirect URI of the Google OAuth client',
    });
    new CfnOutput(this, 'WebhookEndpoint', {
      value: `${publicBaseUrl}${WEBHOOK_ROUTE}`,
      description: 'Register this as the Google Health subscriber endpointUri',
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `${publicBaseUrl}/console`,
      description: 'The care-team console',
    });
    new CfnOutput(this, 'ConsoleClientId', {
      value: consoleClient.userPoolClientId,
      description: 'Cognito app client of the console (CONSOLE_OIDC_CLIENT_ID)',
    });
    new CfnOutput(this, 'ScheduleFailuresQueueUrl', { value: scheduleFailures.queue.queueUrl });

    const f = this.functions;
    acknowledgeServiceFindings({
      functions: f,
      selfAuthenticatingRoutes,
      streamConsumer: f['evaluate-alerts'],
      nonAsyncFunctions: [
        { fn: f['ingest-blood-pressure'], trigger: 'API Gateway (synchronous)' },
        { fn: f['authorize-device'], trigger: 'API Gateway as a request authoriser (synchronous)' },
        {
          fn: f['google-health-webhook'],
          trigger: 'API Gateway (synchronous; Google retries failed deliveries)',
        },
        { fn: f['link-pages'], trigger: 'API Gateway (synchronous)' },
        { fn: f.console, trigger: 'API Gateway (synchronous)' },
        { fn: f['console-sign-in'], trigger: 'API Gateway (synchronous)' },
        { fn: f['console-actions'], trigger: 'API Gateway (synchronous)' },
        { fn: f['console-invitations'], trigger: 'API Gateway (synchronous)' },
        { fn: f['fhir-export'], trigger: 'API Gateway (synchronous)' },
        {
          fn: f['evaluate-alerts'],
          trigger:
            'the readings stream event source mapping, whose on-failure destination is stream-failures',
        },
        {
          fn: f['sync-worker'],
          trigger: 'the sync-jobs SQS event source; the queue redrives to sync-jobs-dlq',
        },
        {
          fn: f['deliver-alerts'],
          trigger: 'the alerts FIFO queue event source; the queue redrives to the alerts dead-letter queue',
        },
      ],
      queueConsumerMappings: [f['sync-worker'].function, f['deliver-alerts'].function],
      concurrencyReserved: reserveConcurrency,
      terminalFailureQueues: [scheduleFailures],
    });
  }

  private createDefaultStage(
    config: PulseRelayConfig,
    stateful: StatefulResources,
  ): { stage: apigwv2.HttpStage; accessLogs: logs.LogGroup } {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: config.logRetentionDays,
      encryptionKey: stateful.dataKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      detailedMetricsEnabled: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // No headers, bodies or query strings: they could hold credentials or health values.
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            deviceId: '$context.authorizer.deviceId',
          }),
        ),
      },
    });
    // Each public caller its own limit, so a flood of link-page hits or webhooks cannot starve device uploads.
    // RouteSettings is untyped JSON in CloudFormation's spelling.
    const limits = (rateLimit: number, burstLimit: number) => ({
      ThrottlingRateLimit: rateLimit,
      ThrottlingBurstLimit: burstLimit,
    });
    const throttles: Record<RouteSpec['throttle'], ReturnType<typeof limits>> = {
      device: limits(config.deviceRateLimit, config.deviceBurstLimit),
      webhook: limits(config.webhookRateLimit, config.webhookBurstLimit),
      linkPages: limits(config.linkPagesRateLimit, config.linkPagesBurstLimit),
      console: limits(config.consoleRateLimit, config.consoleBurstLimit),
    };
    const routeSettings = Object.fromEntries(
      ROUTES.map((route) => [`${route.method} ${route.path}`, throttles[route.throttle]]),
    );
    (stage.node.defaultChild as apigwv2.CfnStage).routeSettings = routeSettings;
    return { stage, accessLogs };
  }

  /** Adds the catalogue's routes; returns those without an API Gateway authoriser, with why that is safe. */
  private addRoutes(
    fn: (name: FunctionName) => lambda.Function,
  ): { route: apigwv2.HttpRoute; reason: string }[] {
    const authorizerByFunction = new Map<FunctionName, apigwv2.IHttpRouteAuthorizer>();
    const authorizerFor = (name: FunctionName): apigwv2.IHttpRouteAuthorizer => {
      const existing = authorizerByFunction.get(name);
      if (existing !== undefined) return existing;
      if (name !== 'authorize-device') throw new Error(`No authoriser settings for ${name}`);
      const created = new authorizers.HttpLambdaAuthorizer('DeviceAuthorizer', fn(name), {
        authorizerName: 'device',
        responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.Authorization'],
        // No caching: a revoked device credential must stop working at once.
        resultsCacheTtl: Duration.seconds(0),
      });
      authorizerByFunction.set(name, created);
      return created;
    };
    const integrationsByFunction = new Map<FunctionName, integrations.HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName): integrations.HttpLambdaIntegration => {
      const existing = integrationsByFunction.get(name);
      if (existing !== undefined) return existing;
      const created = new integrations.HttpLambdaIntegration(toConstructId(name), fn(name));
      integrationsByFunction.set(name, created);
      return created;
    };
    return ROUTES.flatMap((spec) => {
      const routes = this.api.addRoutes({
        path: spec.path,
        methods: [apigwv2.HttpMethod[spec.method]],
        integration: integrationFor(spec.function),
        ...(spec.authorizer === undefined ? {} : { authorizer: authorizerFor(spec.authorizer) }),
      });
      if (spec.authorizer !== undefined) return [];
      const reason = SELF_AUTHENTICATION[spec.function];
      if (reason === undefined) {
        throw new Error(`${spec.method} ${spec.path} has no authoriser and no self-authentication reason`);
      }
      return routes.map((route) => ({ route, reason }));
    });
  }
}

/** What `cdk synth` prints about the account's Lambda concurrency quota for these settings. */
export const concurrencyQuotaNote = (reserve: boolean): string => {
  if (!reserve) {
    return 'Reserved concurrency is off (reservedConcurrency=off): functions share the account pool; any quota works.';
  }
  const reserved = FUNCTION_NAMES.reduce((sum, name) => sum + FUNCTION_SETTINGS[name].reservedConcurrency, 0);
  // Lambda keeps 100 concurrent executions unreserved in every account and region.
  return (
    `Reserved concurrency is on: functions reserve ${reserved} concurrent executions, so the account's ` +
    `Lambda concurrency quota in this region must be at least ${reserved + 100} (new accounts start at 10; ` +
    'request an increase in Service Quotas first, or deploy with reservedConcurrency=off).'
  );
};

const toConstructId = (name: FunctionName): string =>
  name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
