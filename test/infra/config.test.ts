import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  environmentVariableFor,
  InvalidConfigError,
  loadConfig,
  reservesConcurrency,
} from '../../infra/config.js';

const nodeWith = (context: Record<string, unknown> = {}) => new App({ context }).node;

describe('reservesConcurrency', () => {
  it('is off by default except for production stages, and follows the setting when given', () => {
    const reserves = (context: Record<string, unknown>) =>
      reservesConcurrency(loadConfig(nodeWith(context), {}));
    expect(reserves({})).toBe(false);
    expect(reserves({ stage: 'staging' })).toBe(false);
    expect(reserves({ stage: 'prod' })).toBe(true);
    expect(reserves({ stage: 'production' })).toBe(true);
    expect(reserves({ stage: 'prod', reservedConcurrency: 'off' })).toBe(false);
    expect(reserves({ reservedConcurrency: 'on' })).toBe(true);
  });
});

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig(nodeWith(), {})).toEqual({
      stage: 'dev',
      catchUpRateMinutes: 30,
      alertFollowUpRateMinutes: 5,
      apiRateLimit: 50,
      apiBurstLimit: 100,
      deviceRateLimit: 20,
      deviceBurstLimit: 40,
      webhookRateLimit: 50,
      webhookBurstLimit: 100,
      linkPagesRateLimit: 5,
      linkPagesBurstLimit: 10,
      consoleRateLimit: 20,
      consoleBurstLimit: 40,
      sourceMapsAtRuntime: 'off',
      weeklySummaryDay: 'MON',
      weeklySummaryTime: '08:00',
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
    [{ googleHealthApiUrl: 'http://health.example' }, 'https://'],
    [{ googleOAuthTokenUrl: 'http://127.0.0.1:9000/token' }, 'googleOAuthTokenUrl'],
    [{ reservedConcurrency: 'maybe' }, 'reservedConcurrency'],
    [{ sourceMapsAtRuntime: 'yes' }, 'sourceMapsAtRuntime'],
    [
      { googleClientSecretArn: 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:partial' },
      'googleClientSecretArn',
    ],
  ])('rejects %j', (context, key) => {
    expect(() => loadConfig(nodeWith(context), {})).toThrow(InvalidConfigError);
    expect(() => loadConfig(nodeWith(context), {})).toThrow(key);
  });
});
