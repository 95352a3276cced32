import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { environmentVariableFor, InvalidConfigError, loadConfig } from '../../infra/config.js';

const nodeWith = (context: Record<string, unknown> = {}) => new App({ context }).node;

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig(nodeWith(), {})).toEqual({
      stage: 'dev',
      catchUpRateMinutes: 30,
      apiRateLimit: 50,
      apiBurstLimit: 100,
      logRetentionDays: 365,
      secureEmailDomains: 'nhs.net',
      googleHealthApiUrl: 'https://health.googleapis.com',
      googleOAuthAuthorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      googleOAuthTokenUrl: 'https://oauth2.googleapis.com/token',
      googleOAuthRevokeUrl: 'https://oauth2.googleapis.com/revoke',
    });
  });

  it('prefers context over environment variables', () => {
    const config = loadConfig(nodeWith({ stage: 'prod' }), {
      PULSE_RELAY_STAGE: 'staging',
      PULSE_RELAY_CATCH_UP_RATE_MINUTES: '60',
    });
    expect(config.stage).toBe('prod');
    expect(config.catchUpRateMinutes).toBe(60);
  });

  it('names environment variables after the key', () => {
    expect(environmentVariableFor('googleClientSecretArn')).toBe('PULSE_RELAY_GOOGLE_CLIENT_SECRET_ARN');
    expect(environmentVariableFor('googleOAuthTokenUrl')).toBe('PULSE_RELAY_GOOGLE_OAUTH_TOKEN_URL');
  });

  it.each([
    [{ stage: 'Prod!' }, 'stage'],
    [{ alarmEmail: 'not-an-email' }, 'alarmEmail'],
    [{ logRetentionDays: 42 }, 'logRetentionDays'],
    [{ catchUpRateMinutes: 1 }, 'catchUpRateMinutes'],
    [
      { googleClientSecretArn: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:partial' },
      'googleClientSecretArn',
    ],
  ])('rejects %j', (context, key) => {
    expect(() => loadConfig(nodeWith(context), {})).toThrow(InvalidConfigError);
    expect(() => loadConfig(nodeWith(context), {})).toThrow(key);
  });
});
