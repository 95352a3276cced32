import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, statementsOf, statementsOn, templatesOf } from './support/pulse-relay-app.js';

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

describe('console function', () => {
  it('serves /console and everything below it from one function', () => {
    for (const routeKey of ['ANY /console', 'ANY /console/{proxy+}', 'GET /fhir/R4/Observation']) {
      service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
    }
  });

  it('reads the session key secret and gets the OpenID settings', () => {
    const functions = service.findResources('AWS::Lambda::Function', {
      Properties: {
        Environment: { Variables: Match.objectLike({ CONSOLE_OIDC_CLIENT_ID: Match.anyValue() }) },
      },
    });
    const [consoleFunction] = Object.values(functions);
    expect(Object.keys(functions)).toHaveLength(1);
    expect(consoleFunction?.Properties.Environment.Variables).toMatchObject({
      CONSOLE_SESSION_KEY_SECRET_ARN: expect.anything(),
      CONSOLE_OIDC_ISSUER: expect.anything(),
      PUBLIC_BASE_URL: expect.anything(),
    });
  });
});

describe('console least privilege (beyond the directory item kinds in service-stack.test.ts)', () => {
  it('may read readings and read and change alerts (acknowledge, snooze), but sends nothing to any queue', () => {
    const statements = statementsOf(service, 'console');
    expect(actionsOf(statementsOn(statements, 'TablesReadings'))).not.toContain('dynamodb:PutItem');
    expect(actionsOf(statementsOn(statements, 'TablesReadings'))).toContain('dynamodb:Query');
    expect(actionsOf(statementsOn(statements, 'TablesAlerts'))).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']),
    );
    expect(actionsOf(statements).filter((action) => action.startsWith('sqs:'))).toEqual([]);
    expect(actionsOf(statements)).not.toContain('dynamodb:Scan');
  });

  it('cannot use the OAuth token key or the Google client secret, only its own session-key secret', () => {
    const statements = statementsOf(service, 'console');
    const text = JSON.stringify(statements);
    expect(text).not.toContain('TokenKey');
    expect(text).not.toContain('GoogleSecrets');
    const secretReads = statements.filter((statement) =>
      actionsOf([statement]).includes('secretsmanager:GetSecretValue'),
    );
    expect(secretReads).toHaveLength(1);
    expect(JSON.stringify(secretReads[0]?.Resource)).toContain('ConsoleSessionKey');
  });
});
