import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../infra/function-settings.js';
import {
  actionsOf,
  functionLogicalId,
  statementsOf,
  statementsOn,
  templatesOf,
} from './support/pulse-relay-app.js';

let service: Template;

beforeAll(() => {
  ({ service } = templatesOf());
});

const ref = (name: string) => ({ Ref: functionLogicalId(service, name) });
const arnOf = (name: string) => ({ 'Fn::GetAtt': [functionLogicalId(service, name), 'Arn'] });
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('function defaults', () => {
  it('defines exactly the catalogue functions', () => {
    service.resourceCountIs('AWS::Lambda::Function', FUNCTION_NAMES.length);
  });

  it.each(FUNCTION_NAMES)(
    '%s runs nodejs24.x on arm64 with tracing, limits and its own encrypted log group',
    (name) => {
      service.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `pulse-relay-test-${name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Timeout: Match.anyValue(),
        MemorySize: Match.anyValue(),
        ReservedConcurrentExecutions: Match.anyValue(),
      });
      const fn = service.findResources('AWS::Lambda::Function')[functionLogicalId(service, name)] as {
        Properties: { LoggingConfig: { LogGroup: { Ref: string } } };
      };
      expect(
        service.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref],
      ).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          RetentionInDays: 365,
          KmsKeyId: { 'Fn::ImportValue': expect.stringMatching(/KeysDataKey/) },
        },
      });
    },
  );

  it.each(FUNCTION_NAMES)('%s can write only to its own log group and has an error alarm', (name) => {
    const logStatements = statementsOf(service, name).filter((statement) =>
      actionsOf([statement]).some((action) => action.startsWith('logs:')),
    );
    expect(logStatements).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] },
      }),
    ]);
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: ref(name) }],
      Threshold: 0,
    });
  });

  it('uses no AWS-managed policies on function roles', () => {
    const roles = service.findResources('AWS::IAM::Role', {
      Properties: { ManagedPolicyArns: Match.anyValue() },
    });
    expect(Object.keys(roles)).toEqual([]);
  });
});

const GOOGLE = [
  'GOOGLE_HEALTH_API_URL',
  'GOOGLE_OAUTH_AUTHORIZE_URL',
  'GOOGLE_OAUTH_TOKEN_URL',
  'GOOGLE_OAUTH_REVOKE_URL',
  'GOOGLE_CLIENT_ID',
  'GOOGLE_CLIENT_SECRET_ARN',
  'PUBLIC_BASE_URL',
  'TOKEN_KMS_KEY_ID',
];
const POWERTOOLS = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'NODE_OPTIONS'];

describe('environment', () => {
  it.each([
    ['ingest-blood-pressure', ['READINGS_TABLE', 'DIRECTORY_TABLE']],
    ['authorize-device', ['DIRECTORY_TABLE']],
    ['evaluate-alerts', ['DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL']],
    ['google-health-webhook', ['DIRECTORY_TABLE', 'SYNC_QUEUE_URL', 'GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION']],
    ['link-pages', ['DIRECTORY_TABLE', 'SYNC_QUEUE_URL', ...GOOGLE]],
    ['sync-worker', ['READINGS_TABLE', 'DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL', ...GOOGLE]],
    ['catch-up', ['DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL', 'SYNC_QUEUE_URL']],
  ])('%s gets exactly the variables its code reads', (name, expected) => {
    const fn = service.findResources('AWS::Lambda::Function')[functionLogicalId(service, name)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
      [...expected, ...POWERTOOLS].sort(),
    );
  });

  it('passes the webhook Authorization value as a Secrets Manager dynamic reference, not a literal', () => {
    const fn =
      service.findResources('AWS::Lambda::Function')[functionLogicalId(service, 'google-health-webhook')];
    const value = JSON.stringify(
      (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment
        .Variables.GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION,
    );
    expect(value).toContain('{{resolve:secretsmanager:');
  });
});

describe('least privilege', () => {
  it('authorize-device can only read the directory', () => {
    const statements = statementsOf(service, 'authorize-device');
    const actions = actionsOf(statements);
    for (const action of writeActions) expect(actions).not.toContain(action);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(statementsOn(statements, 'TablesReadings')).toEqual([]);
    expect(statementsOn(statements, 'TablesAlerts')).toEqual([]);
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
    expect(actions).not.toContain('kms:Encrypt');
  });

  it('ingest-blood-pressure writes readings, only reads the directory and cannot touch alerts or queues', () => {
    const statements = statementsOf(service, 'ingest-blood-pressure');
    expect(statementsOn(statements, 'TablesAlerts')).toEqual([]);
    expect(actionsOf(statementsOn(statements, 'TablesReadings'))).toEqual(
      expect.arrayContaining(['dynamodb:PutItem']),
    );
    const directoryActions = actionsOf(statementsOn(statements, 'TablesDirectory'));
    expect(directoryActions).toContain('dynamodb:GetItem');
    for (const action of writeActions) expect(directoryActions).not.toContain(action);
    expect(actionsOf(statements).filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('google-health-webhook touches only the directory and the sync-jobs queue', () => {
    const statements = statementsOf(service, 'google-health-webhook');
    expect(statementsOn(statements, 'TablesReadings')).toEqual([]);
    expect(statementsOn(statements, 'TablesAlerts')).toEqual([]);
    expect(statementsOn(statements, 'QueuesAlerts')).toEqual([]);
  });

  it('names the gsi1 index instead of granting index/*', () => {
    expect(JSON.stringify(service.toJSON())).not.toContain('/index/*');
    const directory = statementsOn(statementsOf(service, 'catch-up'), 'TablesDirectory');
    expect(JSON.stringify(directory)).toContain('/index/gsi1');
  });

  it.each(['link-pages', 'sync-worker'])(
    '%s may use the token key and read the Google client secret',
    (name) => {
      const statements = statementsOf(service, name);
      expect(statementsOn(statements, 'KeysTokenKey')).toEqual([
        expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] }),
      ]);
      expect(actionsOf(statementsOn(statements, 'GoogleSecretsClientSecret'))).toContain(
        'secretsmanager:GetSecretValue',
      );
    },
  );

  it.each([
    'ingest-blood-pressure',
    'authorize-device',
    'evaluate-alerts',
    'google-health-webhook',
    'catch-up',
  ])('%s cannot use the token key or the Google client secret', (name) => {
    const statements = statementsOf(service, name);
    expect(statementsOn(statements, 'KeysTokenKey')).toEqual([]);
    expect(statementsOn(statements, 'GoogleSecretsClientSecret')).toEqual([]);
    expect(actionsOf(statements)).not.toContain('secretsmanager:GetSecretValue');
  });

  it('only sync-worker and catch-up queue sync jobs besides the webhook and link pages', () => {
    const senders = FUNCTION_NAMES.filter((name) =>
      statementsOn(statementsOf(service, name), 'QueuesSyncJobs').some((statement) =>
        actionsOf([statement]).includes('sqs:SendMessage'),
      ),
    );
    expect(senders.sort()).toEqual(['catch-up', 'google-health-webhook', 'link-pages']);
  });
});

describe('deliver-alerts', () => {
  it('reads only its team webhook secrets, and has no mail permission until a sender is configured', () => {
    const statements = statementsOf(service, 'deliver-alerts');
    const secretStatements = statements.filter((statement) =>
      actionsOf([statement]).includes('secretsmanager:GetSecretValue'),
    );
    expect(secretStatements).toHaveLength(1);
    expect(JSON.stringify(secretStatements[0]?.Resource)).toContain(
      ':secret:pulse-relay/test/team-webhooks/*',
    );
    expect(actionsOf(statements)).not.toContain('ses:SendEmail');
    expect(actionsOf(statementsOn(statements, 'TablesDirectory'))).not.toEqual(
      expect.arrayContaining(writeActions),
    );
  });

  it('sends email only as the configured SES identity and From address', () => {
    const { service: withMail, stateful } = templatesOf({
      alertEmailFrom: 'alerts@relay.example.org',
      alertEmailDomain: 'relay.example.org',
    });
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'relay.example.org' });
    const mail = statementsOf(withMail, 'deliver-alerts').filter((statement) =>
      actionsOf([statement]).includes('ses:SendEmail'),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'alerts@relay.example.org' } });
    expect(JSON.stringify(mail[0]?.Resource)).toContain(':identity/relay.example.org');
  });
});

describe('HTTP API', () => {
  it('sends device uploads through the device authoriser and nothing else', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 0,
      AuthorizerUri: Match.objectLike({
        'Fn::Join': Match.arrayWith([Match.arrayWith([arnOf('authorize-device')])]),
      }),
    });
    service.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/blood-pressure',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: Match.stringLikeRegexp('DeviceAuthorizer') },
    });
    const authorised = service.findResources('AWS::ApiGatewayV2::Route', {
      Properties: { AuthorizationType: 'CUSTOM' },
    });
    expect(Object.keys(authorised)).toHaveLength(1);
  });

  it.each([
    'POST /v1/webhooks/google-health',
    'GET /v1/link/{invitationId}',
    'GET /v1/link/{invitationId}/start',
    'GET /v1/oauth/google/callback',
  ])('%s has no API Gateway authoriser (the function authenticates)', (routeKey) => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: routeKey,
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
    });
  });

  it('throttles and access-logs the default stage without request contents', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
        DetailedMetricsEnabled: true,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    const stage = JSON.stringify(service.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage).not.toMatch(/requestBody|\$input|header\.Authorization/);
    const accessLogs = Object.entries(service.findResources('AWS::Logs::LogGroup')).filter(([id]) =>
      id.startsWith('ApiAccessLogs'),
    );
    expect(accessLogs).toEqual([
      [
        expect.any(String),
        expect.objectContaining({
          Properties: {
            RetentionInDays: 365,
            KmsKeyId: { 'Fn::ImportValue': expect.stringMatching(/KeysDataKey/) },
          },
        }),
      ],
    ]);
  });

  it('honours throttling limits from config', () => {
    templatesOf({ apiRateLimit: 5, apiBurstLimit: 10 }).service.hasResourceProperties(
      'AWS::ApiGatewayV2::Stage',
      {
        DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      },
    );
  });
});

describe('event sources', () => {
  it('evaluates inserted and modified readings with bisect, retries, partial failures and an on-failure queue', () => {
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref('evaluate-alerts'),
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('TablesReadings.*StreamArn') },
      StartingPosition: 'LATEST',
      BatchSize: 25,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::ImportValue': Match.stringLikeRegexp('QueuesStreamFailures') } },
      },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] },
    });
  });

  it('alarms when alert evaluation falls more than 5 minutes behind the stream', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: ref('evaluate-alerts') }],
      Statistic: 'Maximum',
      Threshold: 300_000,
      AlarmActions: [{ 'Fn::ImportValue': Match.stringLikeRegexp('AlarmsTopic') }],
    });
  });

  it('consumes sync jobs in batches of 10 with partial batch responses', () => {
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref('sync-worker'),
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('QueuesSyncJobs') },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    service.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
  });

  it('delivers care-team notifications from the alerts FIFO queue with partial batch responses', () => {
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref('deliver-alerts'),
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('QueuesAlerts') },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms as soon as an urgent alert reached no care-team channel', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PulseRelay',
      MetricName: 'UrgentAlertUndelivered',
      Dimensions: [{ Name: 'service', Value: 'pulse-relay-deliver-alerts' }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ 'Fn::ImportValue': Match.stringLikeRegexp('AlarmsTopic') }],
    });
  });

  it('runs catch-up on the configured schedule with dead-letter queues for failed runs', () => {
    const queue = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleFailuresQueue'), 'Arn'] };
    service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(30 minutes)',
      Targets: [Match.objectLike({ Arn: arnOf('catch-up'), DeadLetterConfig: { Arn: queue } })],
    });
    service.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'pulse-relay-test-catch-up',
      DeadLetterConfig: { TargetArn: queue },
    });
    templatesOf({ catchUpRateMinutes: 15 }).service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
    });
  });
});

describe('outputs', () => {
  it('outputs the API URL and the URLs to register with Google', () => {
    service.hasOutput('ApiUrl', {});
    service.hasOutput('OAuthRedirectUri', {
      Value: { 'Fn::Join': ['', Match.arrayWith(['/v1/oauth/google/callback'])] },
    });
    service.hasOutput('WebhookEndpoint', {});
    service.hasOutput('PublicBaseUrl', {});
    templatesOf({ publicBaseUrl: 'https://relay.example.org' }).service.hasOutput('OAuthRedirectUri', {
      Value: 'https://relay.example.org/v1/oauth/google/callback',
    });
  });
});
