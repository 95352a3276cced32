import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '../../cost/assumptions.js';
import { FUNCTION_NAMES, FUNCTION_SETTINGS, type FunctionName } from '../../infra/function-settings.js';
import { concurrencyQuotaNote } from '../../infra/service-stack.js';
import { mayAccessItem, mayQueryIndex } from './support/policy-evaluation.js';
import {
  actionsOf,
  definePulseRelayForTest,
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
    '%s runs nodejs24.x on arm64 without X-Ray, with limits, metrics and its own encrypted log group',
    (name) => {
      service.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `pulse-relay-test-${name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: Match.absent(),
        Environment: {
          Variables: Match.objectLike({
            POWERTOOLS_SERVICE_NAME: `pulse-relay-${name}`,
            POWERTOOLS_METRICS_NAMESPACE: 'PulseRelay/test',
          }),
        },
        Timeout: Match.anyValue(),
        MemorySize: Match.anyValue(),
        // No START/END/REPORT lines (INFO system logs); application INFO and EMF lines still pass.
        LoggingConfig: Match.objectLike({
          LogFormat: 'JSON',
          SystemLogLevel: 'WARN',
          ApplicationLogLevel: 'INFO',
        }),
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

  it.each(FUNCTION_NAMES)(
    '%s can write only to its own log group and has error and throttle alarms',
    (name) => {
      const logStatements = statementsOf(service, name).filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('logs:')),
      );
      expect(logStatements).toEqual([
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] },
        }),
      ]);
      // Errors the runtime saw plus the 5xx the code answered itself (HandledFailures, EMF).
      service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Threshold: 0,
        Metrics: Match.arrayWith([
          Match.objectLike({ Expression: 'FILL(errors, 0) + FILL(handled, 0)' }),
          Match.objectLike({
            Id: 'errors',
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({
                MetricName: 'Errors',
                Dimensions: [{ Name: 'FunctionName', Value: ref(name) }],
              }),
            }),
          }),
          Match.objectLike({
            Id: 'handled',
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'PulseRelay/test',
                MetricName: 'HandledFailures',
                Dimensions: [{ Name: 'service', Value: `pulse-relay-${name}` }],
              },
            }),
          }),
        ]),
      });
      service.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: ref(name) }],
        Threshold: 0,
      });
    },
  );

  it('grants no X-Ray actions, since tracing is off', () => {
    for (const name of FUNCTION_NAMES) {
      expect(actionsOf(statementsOf(service, name)).filter((action) => action.startsWith('xray:'))).toEqual(
        [],
      );
    }
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
const POWERTOOLS = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];

describe('environment', () => {
  it.each([
    ['ingest-blood-pressure', ['READINGS_TABLE', 'DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL']],
    ['authorize-device', ['DIRECTORY_TABLE']],
    ['evaluate-alerts', ['READINGS_TABLE', 'DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL']],
    ['google-health-webhook', ['SYNC_QUEUE_URL', 'GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION_ARN']],
    ['link-pages', ['DIRECTORY_TABLE', 'SYNC_QUEUE_URL', ...GOOGLE]],
    [
      'sync-worker',
      // NODE_OPTIONS carries its heap cap (FUNCTION_SETTINGS maxOldSpaceMb), read by Node itself.
      [
        'READINGS_TABLE',
        'DIRECTORY_TABLE',
        'ALERTS_TABLE',
        'ALERT_QUEUE_URL',
        'SYNC_QUEUE_URL',
        'NODE_OPTIONS',
        ...GOOGLE,
      ],
    ],
    ['catch-up', ['DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL', 'SYNC_QUEUE_URL']],
    ['alert-follow-up', ['READINGS_TABLE', 'DIRECTORY_TABLE', 'ALERTS_TABLE', 'ALERT_QUEUE_URL']],
  ])('%s gets exactly the variables its code reads', (name, expected) => {
    const fn = service.findResources('AWS::Lambda::Function')[functionLogicalId(service, name)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
      [...expected, ...POWERTOOLS].sort(),
    );
  });

  it('gives the webhook the Authorization secret ARN only: no value, no dynamic reference anywhere', () => {
    const fn = service.findResources('AWS::Lambda::Function')[
      functionLogicalId(service, 'google-health-webhook')
    ] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
    const variables = fn.Properties.Environment.Variables;
    expect(variables.GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION).toBeUndefined();
    expect(JSON.stringify(variables.GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION_ARN)).toContain(
      'GoogleSecretsWebhookAuthorization',
    );
    // A resolve reference would put the plain value into the function's configuration at deploy time.
    expect(JSON.stringify(service.toJSON())).not.toContain('{{resolve:secretsmanager:');
  });
});

/** One item of each kind in the directory table (shared/adapters/table-keys.ts). */
const DIRECTORY_ITEMS = {
  MEMBER: 'MEMBER#m-1',
  DEVICE: 'DEVICE#d-1',
  INVITE: 'INVITE#i-1',
  HEALTHUSER: 'HEALTHUSER#hu-1',
  AUDIT: 'AUDIT#m-1',
  TEAM: 'TEAM#team-north',
  DELIVERY: 'DELIVERY#m-1',
  STAFF: 'STAFF#nia@charity.example',
} as const;
type DirectoryItem = keyof typeof DIRECTORY_ITEMS;
/** One example value of each gsi1 partition of the directory (shared/adapters/table-keys.ts). */
const INDEX_PARTITIONS = {
  MEMBERS: 'MEMBERS',
  STAFF: 'STAFF',
  DEVICES: 'DEVICES#m-1',
  INVITES: 'INVITES#m-1',
  LINKS: 'LINKS#linked',
} as const;
const ALL_ITEMS = Object.keys(DIRECTORY_ITEMS) as DirectoryItem[];
const DIRECTORY_READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];
const DIRECTORY_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** What each public or stream-driven function may do in the directory table, by item kind; nothing else. */
// The webhook has no directory access at all (asserted under "least privilege" below).
const DIRECTORY_RIGHTS: Record<
  string,
  { read: DirectoryItem[]; write: DirectoryItem[]; index?: true | (keyof typeof INDEX_PARTITIONS)[] }
> = {
  'authorize-device': { read: ['DEVICE'], write: [] },
  'ingest-blood-pressure': { read: ['MEMBER'], write: [] },
  'link-pages': { read: ['INVITE', 'MEMBER', 'HEALTHUSER'], write: ['INVITE', 'MEMBER', 'HEALTHUSER'] },
  // DEVICE: when the reading's monitor was registered (a baseline reading only counts in a summary).
  'evaluate-alerts': { read: ['MEMBER', 'DEVICE'], write: ['MEMBER'] },
  'sync-worker': { read: ['MEMBER'], write: ['MEMBER'] },
  // Both list members on gsi1, then read each member's profile and thresholds.
  'weekly-summary': { read: ['MEMBER'], write: [], index: true },
  'alert-follow-up': { read: ['MEMBER'], write: [], index: true },
  // The member's team, the team's channels, and its own delivery records (the only thing it writes).
  'deliver-alerts': { read: ['MEMBER', 'TEAM', 'DELIVERY'], write: ['DELIVERY'] },
  // The console functions: staff and their teams, member profiles, thresholds and link state. The pages
  // list the roster on gsi1's member partition only and write only audit records; the invitations function
  // also writes new invitations (never reading one back); sign-in has no table. None reads a device credential, an
  // invitation or a Google account mapping.
  console: { read: ['STAFF', 'MEMBER'], write: ['AUDIT'], index: ['MEMBERS'] },
  'console-actions': { read: ['STAFF', 'MEMBER'], write: ['AUDIT'] },
  'console-invitations': { read: ['STAFF', 'MEMBER'], write: ['AUDIT', 'INVITE'] },
  'console-sign-in': { read: [], write: [] },
  'fhir-export': { read: ['STAFF', 'MEMBER'], write: ['AUDIT'] },
};

describe('least privilege in the directory table (dynamodb:LeadingKeys)', () => {
  describe.each(Object.entries(DIRECTORY_RIGHTS))('%s', (name, rights) => {
    it.each(ALL_ITEMS)('reads %s items only if it needs to', (kind) => {
      for (const action of DIRECTORY_READS) {
        expect(mayAccessItem(service, name, action, 'TablesDirectory', DIRECTORY_ITEMS[kind])).toBe(
          rights.read.includes(kind),
        );
      }
    });

    it.each(ALL_ITEMS)('writes or deletes %s items only if it needs to', (kind) => {
      for (const action of DIRECTORY_WRITES) {
        expect(mayAccessItem(service, name, action, 'TablesDirectory', DIRECTORY_ITEMS[kind])).toBe(
          rights.write.includes(kind),
        );
      }
    });

    it(`can never scan the directory, and queries its index only if it lists members (${rights.index !== undefined})`, () => {
      const directory = statementsOn(statementsOf(service, name), 'TablesDirectory');
      expect(directory.length > 0).toBe(rights.read.length + rights.write.length > 0);
      expect(actionsOf(directory)).not.toContain('dynamodb:Scan');
      expect(JSON.stringify(directory).includes('/index/')).toBe(rights.index !== undefined);
    });

    it.each(Object.keys(INDEX_PARTITIONS) as (keyof typeof INDEX_PARTITIONS)[])(
      'queries the gsi1 partition %s only if it needs to',
      (partition) => {
        expect(mayQueryIndex(service, name, 'TablesDirectory', 'gsi1', INDEX_PARTITIONS[partition])).toBe(
          rights.index === true || (rights.index?.includes(partition) ?? false),
        );
      },
    );
  });

  it('the evaluator itself sees an unconditioned grant as access to every item (so the checks above can fail)', () => {
    expect(
      mayAccessItem(service, 'catch-up', 'dynamodb:GetItem', 'TablesDirectory', DIRECTORY_ITEMS.DEVICE),
    ).toBe(true);
    expect(
      mayAccessItem(service, 'catch-up', 'dynamodb:PutItem', 'TablesDirectory', DIRECTORY_ITEMS.DEVICE),
    ).toBe(false);
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

  it('ingest-blood-pressure writes readings and reading-refused alerts, only reads the directory, sends only alerts', () => {
    const statements = statementsOf(service, 'ingest-blood-pressure');
    expect(actionsOf(statementsOn(statements, 'TablesAlerts'))).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']),
    );
    expect(actionsOf(statementsOn(statements, 'TablesReadings'))).toEqual(
      expect.arrayContaining(['dynamodb:PutItem']),
    );
    const directoryActions = actionsOf(statementsOn(statements, 'TablesDirectory'));
    expect(directoryActions).toContain('dynamodb:GetItem');
    for (const action of writeActions) expect(directoryActions).not.toContain(action);
    expect(actionsOf(statementsOn(statements, 'QueuesAlerts'))).toContain('sqs:SendMessage');
    expect(statementsOn(statements, 'QueuesSyncJobs')).toEqual([]);
  });

  it('alarms on any refused blood-pressure reading (ReadingsRefused of every format, stage namespace)', () => {
    const alarms = service.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmDescription: Match.stringLikeRegexp('^Blood-pressure readings were refused') },
    });
    const [alarm] = Object.values(alarms) as { Properties: Record<string, unknown> }[];
    expect(Object.keys(alarms)).toHaveLength(1);
    expect(alarm?.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: expect.any(Array),
    });
    const metrics = (alarm?.Properties.Metrics ?? []) as {
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } };
    }[];
    const stats = metrics.flatMap((metric) => (metric.MetricStat ? [metric.MetricStat.Metric] : []));
    expect(stats.map((metric) => metric.MetricName)).toEqual(['ReadingsRefused', 'ReadingsRefused']);
    expect(stats.map((metric) => metric.Dimensions)).toEqual([
      expect.arrayContaining([
        { Name: 'service', Value: 'pulse-relay-ingest-blood-pressure' },
        { Name: 'format', Value: 'json' },
      ]),
      expect.arrayContaining([
        { Name: 'service', Value: 'pulse-relay-ingest-blood-pressure' },
        { Name: 'format', Value: 'fhir' },
      ]),
    ]);
    expect(new Set(stats.map((metric) => metric.Namespace)).size).toBe(1);
    expect(stats[0]?.Namespace).toMatch(/^PulseRelay\//);
  });

  it('google-health-webhook touches only the sync-jobs queue: no table, so nothing can delay its answer', () => {
    const statements = statementsOf(service, 'google-health-webhook');
    expect(statementsOn(statements, 'KeysTokenKey')).toEqual([]);
    expect(statementsOn(statements, 'TablesDirectory')).toEqual([]);
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
        expect.objectContaining({
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          // Members' token data keys only: a team's webhook secret has no memberId context.
          Condition: { StringLike: { 'kms:EncryptionContext:memberId': '*' } },
        }),
      ]);
      expect(actionsOf(statementsOn(statements, 'GoogleSecretsClientSecret'))).toContain(
        'secretsmanager:GetSecretValue',
      );
    },
  );

  it.each(['ingest-blood-pressure', 'authorize-device', 'evaluate-alerts', 'catch-up'])(
    '%s cannot use the token key or the Google client secret',
    (name) => {
      const statements = statementsOf(service, name);
      expect(statementsOn(statements, 'KeysTokenKey')).toEqual([]);
      expect(statementsOn(statements, 'GoogleSecretsClientSecret')).toEqual([]);
      expect(actionsOf(statements)).not.toContain('secretsmanager:GetSecretValue');
    },
  );

  it('google-health-webhook may only GetSecretValue on the webhook Authorization secret (and decrypt it via Secrets Manager)', () => {
    const statements = statementsOf(service, 'google-health-webhook');
    const secretStatements = statements.filter((statement) =>
      actionsOf([statement]).some((action) => action.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue' }),
    ]);
    expect(JSON.stringify(secretStatements[0]?.Resource)).toContain('GoogleSecretsWebhookAuthorization');
    expect(statementsOn(statements, 'GoogleSecretsClientSecret')).toEqual([]);
    const viaSecretsManager = statements.filter((statement) =>
      JSON.stringify(statement.Condition ?? {}).includes('secretsmanager.'),
    );
    expect(viaSecretsManager).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'kms:Decrypt' })]);
  });

  it.each(FUNCTION_NAMES.filter((name) => name !== 'google-health-webhook'))(
    '%s cannot read the webhook Authorization secret',
    (name) => {
      expect(statementsOn(statementsOf(service, name), 'GoogleSecretsWebhookAuthorization')).toEqual([]);
    },
  );

  it('only the webhook, link pages, catch-up and sync-worker (continuations) queue sync jobs', () => {
    const senders = FUNCTION_NAMES.filter((name) =>
      statementsOn(statementsOf(service, name), 'QueuesSyncJobs').some((statement) =>
        actionsOf([statement]).includes('sqs:SendMessage'),
      ),
    );
    expect(senders.sort()).toEqual(['catch-up', 'google-health-webhook', 'link-pages', 'sync-worker']);
  });
});

describe('deliver-alerts', () => {
  const secretReads = (statements: ReturnType<typeof statementsOf>) =>
    statements.filter((statement) => actionsOf([statement]).includes('secretsmanager:GetSecretValue'));

  it('opens team webhook secrets with the token key, only for team-bound data keys, and reads no secret', () => {
    const statements = statementsOf(service, 'deliver-alerts');
    expect(secretReads(statements)).toEqual([]);
    expect(statementsOn(statements, 'GoogleSecrets')).toEqual([]);
    expect(statementsOn(statements, 'KeysTokenKey')).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        // A member's Google tokens are sealed with {memberId}: this grant cannot open them.
        Condition: { StringLike: { 'kms:EncryptionContext:teamId': '*' } },
      }),
    ]);
    const fn = service.findResources('AWS::Lambda::Function')[
      functionLogicalId(service, 'deliver-alerts')
    ] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(JSON.stringify(fn.Properties.Environment.Variables.TEAM_WEBHOOK_SECRET_KMS_KEY_ID)).toContain(
      'KeysTokenKey',
    );
  });

  it('reads the team items (channels, sealed webhook secret) only through its TEAM leading-key grant', () => {
    const directory = statementsOn(statementsOf(service, 'deliver-alerts'), 'TablesDirectory');
    const reads = directory.filter((statement) => actionsOf([statement]).includes('dynamodb:GetItem'));
    expect(reads).toEqual([
      expect.objectContaining({
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MEMBER#*', 'TEAM#*', 'DELIVERY#*'] },
        },
      }),
    ]);
  });

  it('cannot touch the alerts or readings tables, nor send to any queue', () => {
    const statements = statementsOf(service, 'deliver-alerts');
    expect(statementsOn(statements, 'TablesAlerts')).toEqual([]);
    expect(statementsOn(statements, 'TablesReadings')).toEqual([]);
    expect(actionsOf(statements)).not.toContain('sqs:SendMessage');
  });

  it('is the only function that may open the team webhook secrets or send email', () => {
    for (const name of FUNCTION_NAMES.filter((other) => other !== 'deliver-alerts')) {
      const statements = statementsOf(service, name);
      expect(JSON.stringify(statements)).not.toContain('kms:EncryptionContext:teamId');
      expect(actionsOf(statements)).not.toContain('ses:SendEmail');
    }
  });

  it('has no mail permission until a sender is configured', () => {
    expect(actionsOf(statementsOf(service, 'deliver-alerts'))).not.toContain('ses:SendEmail');
    expect(
      Annotations.fromStack(definePulseRelayForTest().service).findWarning(
        '*',
        Match.stringLikeRegexp('alertEmailFrom is not set'),
      ),
    ).not.toHaveLength(0);
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
    expect(actionsOf(mail)).toEqual(['ses:SendEmail']);
    expect(mail[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'alerts@relay.example.org' } });
    expect(JSON.stringify(mail[0]?.Resource)).toContain(':identity/relay.example.org');
  });

  it('verifies the sender address itself when no domain is given', () => {
    const { stateful } = templatesOf({ alertEmailFrom: 'alerts@relay.example.org' });
    stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'alerts@relay.example.org' });
  });

  it('consumes the alerts FIFO queue with partial batch responses, within its reserved concurrency', () => {
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref('deliver-alerts'),
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('QueuesAlerts') },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: FUNCTION_SETTINGS['deliver-alerts'].reservedConcurrency },
    });
  });

  it('knows the queue’s redrive limit, so it can tell the last attempt', () => {
    service.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'pulse-relay-test-deliver-alerts',
      Environment: { Variables: Match.objectLike({ ALERT_QUEUE_MAX_RECEIVES: '5' }) },
    });
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

describe('throttling and concurrency', () => {
  it('gives device uploads, Google webhooks and the link pages each their own route limits', () => {
    const link = { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 6 };
    templatesOf({
      deviceRateLimit: 11,
      deviceBurstLimit: 22,
      webhookRateLimit: 33,
      webhookBurstLimit: 44,
      linkPagesRateLimit: 3,
      linkPagesBurstLimit: 6,
    }).service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: {
        'POST /v1/blood-pressure': { ThrottlingRateLimit: 11, ThrottlingBurstLimit: 22 },
        'POST /v1/webhooks/google-health': { ThrottlingRateLimit: 33, ThrottlingBurstLimit: 44 },
        'GET /v1/link/{invitationId}': link,
        'GET /v1/link/{invitationId}/start': link,
        'GET /v1/oauth/google/callback': link,
      },
    });
  });

  it('reserves no concurrency by default outside production, so a first deploy fits a new account', () => {
    const reserved = service.findResources('AWS::Lambda::Function', {
      Properties: { ReservedConcurrentExecutions: Match.anyValue() },
    });
    expect(Object.keys(reserved)).toEqual([]);
    expect(concurrencyQuotaNote(false)).toContain('any quota works');
  });

  it.each([[{ reservedConcurrency: 'on' }], [{ stage: 'prod' }]])(
    'reserves each function’s concurrency with %j and says the quota it needs',
    (context) => {
      const { service: reserving } = definePulseRelayForTest(context);
      const template = Template.fromStack(reserving);
      for (const name of FUNCTION_NAMES) {
        template.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: Match.stringLikeRegexp(`-${name}$`),
          ReservedConcurrentExecutions: FUNCTION_SETTINGS[name].reservedConcurrency,
        });
      }
      const total = FUNCTION_NAMES.reduce(
        (sum, name) => sum + FUNCTION_SETTINGS[name].reservedConcurrency,
        0,
      );
      const notes = Annotations.fromStack(reserving).findInfo('*', Match.stringLikeRegexp('quota'));
      expect(notes.map((note) => note.entry.data)).toEqual([
        expect.stringContaining(`must be at least ${total + 100}`),
      ]);
    },
  );
});

describe('source maps', () => {
  const nodeOptionsOf = (template: Template) =>
    Object.values(
      template.findResources('AWS::Lambda::Function') as Record<
        string,
        { Properties: { Environment: { Variables: Record<string, unknown> } } }
      >,
    ).map((fn) => fn.Properties.Environment.Variables.NODE_OPTIONS);

  const heapCapOf = (name: FunctionName) => {
    const cap = FUNCTION_SETTINGS[name].maxOldSpaceMb;
    return cap === undefined ? [] : [`--max-old-space-size=${cap}`];
  };

  it('leaves them off at run time by default: no function pays for --enable-source-maps at cold start', () => {
    expect(nodeOptionsOf(service)).toEqual(
      FUNCTION_NAMES.map((name) => (heapCapOf(name).length === 0 ? undefined : heapCapOf(name).join(' '))),
    );
  });

  it('turns them on for every function with sourceMapsAtRuntime=on', () => {
    const { service: debugging } = definePulseRelayForTest({ sourceMapsAtRuntime: 'on' });
    expect(nodeOptionsOf(Template.fromStack(debugging))).toEqual(
      FUNCTION_NAMES.map((name) => [...heapCapOf(name), '--enable-source-maps'].join(' ')),
    );
  });

  it('caps the sync worker heap below its memory, so V8 collects before Lambda runs out of memory', () => {
    const syncWorker = FUNCTION_SETTINGS['sync-worker'];
    expect(syncWorker.maxOldSpaceMb).toBeLessThanOrEqual(syncWorker.memorySize / 2);
    service.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.stringLikeRegexp('sync-worker$'),
      MemorySize: syncWorker.memorySize,
      Environment: {
        Variables: Match.objectLike({ NODE_OPTIONS: `--max-old-space-size=${syncWorker.maxOldSpaceMb}` }),
      },
    });
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

  it('runs the alert follow-up (reminders, baseline summaries, bp-no-readings) every 5 minutes', () => {
    const queue = { 'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleFailuresQueue'), 'Arn'] };
    service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: arnOf('alert-follow-up'), DeadLetterConfig: { Arn: queue } })],
    });
    service.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'pulse-relay-test-alert-follow-up',
      DeadLetterConfig: { TargetArn: queue },
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

describe('operational alarms', () => {
  const alarmTopic = [{ 'Fn::ImportValue': Match.stringLikeRegexp('AlarmsTopic') }];

  it('alarms on API 5xx from the default stage', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: Match.arrayWith([{ Name: 'Stage', Value: '$default' }]),
      Threshold: 5,
      AlarmActions: alarmTopic,
    });
  });

  it('counts throttled (429) requests from the access log and alarms on them', () => {
    service.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "429" }',
      MetricTransformations: [
        Match.objectLike({
          MetricNamespace: 'PulseRelay/test',
          MetricName: 'ApiThrottled',
          MetricValue: '1',
        }),
      ],
    });
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PulseRelay/test',
      MetricName: 'ApiThrottled',
      Threshold: 10,
      AlarmActions: alarmTopic,
    });
  });

  it('alarms when refused readings pass 20% of uploads, counting every format', () => {
    const alarms = Object.values(service.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: { Metrics?: { Expression?: string; MetricStat?: { Metric: Record<string, unknown> } }[] };
    }[];
    const refused = alarms.find((alarm) =>
      alarm.Properties.Metrics?.some((metric) => metric.Expression?.startsWith('IF(')),
    );
    expect(refused).toBeDefined();
    const metrics = refused?.Properties.Metrics?.flatMap((metric) =>
      metric.MetricStat === undefined ? [] : [metric.MetricStat.Metric],
    );
    expect(metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          MetricName: 'ReadingsRefused',
          Dimensions: expect.arrayContaining([{ Name: 'format', Value: 'fhir' }]),
        }),
        expect.objectContaining({
          MetricName: 'ReadingsStored',
          Dimensions: expect.arrayContaining([{ Name: 'format', Value: 'json' }]),
        }),
        expect.objectContaining({
          MetricName: 'UploadsRefused',
          Dimensions: expect.arrayContaining([{ Name: 'format', Value: 'unknown' }]),
        }),
      ]),
    );
    expect(refused?.Properties).toMatchObject({ Threshold: 20 });
  });

  it('alarms at once when an urgent alert reached no care-team channel', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PulseRelay/test',
      MetricName: 'UrgentAlertsUndelivered',
      Dimensions: [{ Name: 'service', Value: 'pulse-relay-deliver-alerts' }],
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: alarmTopic,
    });
  });

  it('alarms on failed sync jobs', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PulseRelay/test',
      MetricName: 'Syncs',
      Dimensions: Match.arrayWith([{ Name: 'outcome', Value: 'failed' }]),
      Threshold: 5,
      AlarmActions: alarmTopic,
    });
  });
});

describe('the cost model', () => {
  it('counts the alarms the app synthesises (each is billed monthly)', () => {
    const { stateful } = templatesOf();
    const synthesised = [service, stateful].reduce(
      (total, template) => total + Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length,
      0,
    );
    expect(DEFAULT_ASSUMPTIONS.alarms).toBe(synthesised);
  });
});
