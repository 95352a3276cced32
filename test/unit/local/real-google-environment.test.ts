import { describe, expect, it } from 'vitest';
import {
  catchUpMinutesFrom,
  RealGoogleConfigurationError,
  realGoogleEnvironment,
} from '../../../local/real-google-environment.js';
import { requestsPerSecondFromEnv } from '../../../shared/adapters/google-health/request-budget.js';

describe('realGoogleEnvironment (npm start with GOOGLE_CLIENT_ID)', () => {
  it('is off without GOOGLE_CLIENT_ID, so npm start uses the simulator', () => {
    expect(realGoogleEnvironment({})).toBeUndefined();
  });

  it('takes the client, its secret and the four GOOGLE_*_URL endpoints from the environment', () => {
    const real = realGoogleEnvironment({
      GOOGLE_CLIENT_ID: 'client-1',
      GOOGLE_CLIENT_SECRET: 'secret-1',
      GOOGLE_HEALTH_API_URL: 'http://127.0.0.1:9000',
      GOOGLE_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:9000/auth',
      GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:9000/token',
      GOOGLE_OAUTH_REVOKE_URL: 'http://127.0.0.1:9000/revoke',
    });
    expect(real?.environment).toMatchObject({
      GOOGLE_CLIENT_ID: 'client-1',
      GOOGLE_CLIENT_SECRET: 'secret-1',
      GOOGLE_HEALTH_API_URL: 'http://127.0.0.1:9000',
      GOOGLE_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:9000/auth',
      GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:9000/token',
      GOOGLE_OAUTH_REVOKE_URL: 'http://127.0.0.1:9000/revoke',
      // No webhooks reach a laptop: every catch-up run syncs every linked member.
      CATCH_UP_STALE_AFTER_MINUTES: '0',
    });
    expect(real?.environment.GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEYSET).toBeUndefined();
  });

  it("defaults to Google's own endpoints and refuses a client id without its secret", () => {
    expect(
      realGoogleEnvironment({ GOOGLE_CLIENT_ID: 'c', GOOGLE_CLIENT_SECRET: 's' })?.environment,
    ).toMatchObject({
      GOOGLE_HEALTH_API_URL: 'https://health.googleapis.com',
      GOOGLE_OAUTH_TOKEN_URL: 'https://oauth2.googleapis.com/token',
    });
    expect(() => realGoogleEnvironment({ GOOGLE_CLIENT_ID: 'c' })).toThrow(RealGoogleConfigurationError);
  });

  it('reads CATCH_UP_MINUTES, and refuses what is not a positive number of minutes', () => {
    expect(catchUpMinutesFrom(undefined, 5)).toBe(5);
    expect(catchUpMinutesFrom('0.5', 5)).toBe(0.5);
    expect(() => catchUpMinutesFrom('soon', 5)).toThrow('CATCH_UP_MINUTES');
    expect(() => catchUpMinutesFrom('0', 5)).toThrow('CATCH_UP_MINUTES');
  });
});

describe('GOOGLE_HEALTH_REQUESTS_PER_SECOND', () => {
  it('defaults to 2.5 and accepts up to 5', () => {
    expect(requestsPerSecondFromEnv(undefined)).toBe(2.5);
    expect(requestsPerSecondFromEnv('5')).toBe(5);
    expect(() => requestsPerSecondFromEnv('6')).toThrow('GOOGLE_HEALTH_REQUESTS_PER_SECOND');
    expect(() => requestsPerSecondFromEnv('fast')).toThrow('GOOGLE_HEALTH_REQUESTS_PER_SECOND');
  });
});
