import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  functionLogicalId,
  statementsOf,
  statementsOn,
  templatesOf,
} from './support/pulse-relay-app.js';

let stateful: Template;
let service: Template;

beforeAll(() => {
  ({ stateful, service } = templatesOf());
}, 120_000);

describe('staff sign-in', () => {
  it('is a Cognito pool with MFA required, threat protection enforced and no self sign-up', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('gives the console a public client limited to the code flow and its own callback', () => {
    service.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'profile']),
      CallbackURLs: [
        Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/console/auth/callback'])]) }),
      ],
    });
  });
});

const CONSOLE_FUNCTIONS = [
  'console',
  'console-sign-in',
  'console-actions',
  'console-invitations',
  'fhir-export',
] as const;

const environmentOf = (name: string): Record<string, unknown> => {
  const found = service.findResources('AWS::Lambda::Function', {
    Properties: { FunctionName: `pulse-relay-test-${name}` },
  });
  const [fn] = Object.values(found) as {
    Properties: { Environment: { Variables: Record<string, unknown> } };
  }[];
  return fn?.Properties.Environment.Variables ?? {};
};

const routeTarget = (routeKey: string): string => {
  const routes = Object.values(
    service.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
  ) as { Properties: { Target: unknown } }[];
  expect(routes).toHaveLength(1);
  return JSON.stringify(routes[0]?.Properties.Target);
};

const integrationOf = (name: string): string => {
  const integrations = service.findResources('AWS::ApiGatewayV2::Integration');
  const id = Object.keys(integrations).find((key) =>
    JSON.stringify(integrations[key]).includes(functionLogicalId(service, name)),
  );
  if (id === undefined) throw new Error(`No integration for ${name}`);
  return id;
};

describe('console functions', () => {
  it.each([
    ['ANY /console', 'console'],
    ['ANY /console/{proxy+}', 'console'],
    ['GET /console/sign-in', 'console-sign-in'],
    ['GET /console/auth/callback', 'console-sign-in'],
    ['GET /console/signed-out', 'console-sign-in'],
    ['POST /console/sign-out', 'console-sign-in'],
    ['POST /console/alerts/acknowledge', 'console-actions'],
    ['POST /console/alerts/snooze', 'console-actions'],
    ['POST /console/members/{memberId}/invitations', 'console-invitations'],
    ['GET /fhir/R4/Observation', 'fhir-export'],
  ])('routes %s to %s', (routeKey, name) => {
    expect(routeTarget(routeKey)).toContain(integrationOf(name));
  });

  it('gives only the sign-in function the OpenID settings; all five read the session key secret', () => {
    for (const name of CONSOLE_FUNCTIONS) {
      expect(environmentOf(name)).toMatchObject({
        CONSOLE_SESSION_KEY_SECRET_ARN: expect.anything(),
        PUBLIC_BASE_URL: expect.anything(),
      });
      expect('CONSOLE_OIDC_CLIENT_ID' in environmentOf(name)).toBe(name === 'console-sign-in');
      expect('CONSOLE_OIDC_ISSUER' in environmentOf(name)).toBe(name === 'console-sign-in');
    }
  });
});

const tableActions = (name: string, table: string) =>
  actionsOf(statementsOn(statementsOf(service, name), table));
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('console least privilege (beyond the directory item kinds in service-stack.test.ts)', () => {
  it('pages read readings and alerts, change neither, and never query the alerts index', () => {
    expect(tableActions('console', 'TablesReadings')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
    );
    expect(tableActions('console', 'TablesAlerts')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
    );
    for (const action of WRITES) {
      expect(tableActions('console', 'TablesReadings')).not.toContain(action);
      expect(tableActions('console', 'TablesAlerts')).not.toContain(action);
    }
    expect(JSON.stringify(statementsOn(statementsOf(service, 'console'), 'TablesAlerts'))).not.toContain(
      '/index/',
    );
  });

  it('the forms change alerts (acknowledge and snooze replace them) without the alerts index or readings', () => {
    expect(tableActions('console-actions', 'TablesAlerts')).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']),
    );
    expect(
      JSON.stringify(statementsOn(statementsOf(service, 'console-actions'), 'TablesAlerts')),
    ).not.toContain('/index/');
    expect(statementsOn(statementsOf(service, 'console-actions'), 'TablesReadings')).toEqual([]);
  });

  it('the invitations function has neither readings nor alerts', () => {
    expect(statementsOn(statementsOf(service, 'console-invitations'), 'TablesReadings')).toEqual([]);
    expect(statementsOn(statementsOf(service, 'console-invitations'), 'TablesAlerts')).toEqual([]);
  });

  it('the FHIR export reads readings only, and has no alerts table', () => {
    expect(tableActions('fhir-export', 'TablesReadings')).toContain('dynamodb:Query');
    for (const action of WRITES) expect(tableActions('fhir-export', 'TablesReadings')).not.toContain(action);
    expect(statementsOn(statementsOf(service, 'fhir-export'), 'TablesAlerts')).toEqual([]);
  });

  it('sign-in touches no table at all', () => {
    const statements = statementsOf(service, 'console-sign-in');
    expect(actionsOf(statements).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });

  it.each(CONSOLE_FUNCTIONS)(
    '%s sends to no queue, never scans, and cannot use the token key or the Google client secret',
    (name) => {
      const statements = statementsOf(service, name);
      expect(actionsOf(statements).filter((action) => action.startsWith('sqs:'))).toEqual([]);
      expect(actionsOf(statements)).not.toContain('dynamodb:Scan');
      const text = JSON.stringify(statements);
      expect(text).not.toContain('TokenKey');
      expect(text).not.toContain('GoogleSecrets');
      const secretReads = statements.filter((statement) =>
        actionsOf([statement]).includes('secretsmanager:GetSecretValue'),
      );
      expect(secretReads).toHaveLength(1);
      expect(JSON.stringify(secretReads[0]?.Resource)).toContain('ConsoleSessionKey');
    },
  );
});
