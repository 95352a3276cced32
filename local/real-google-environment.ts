import { randomBytes } from 'node:crypto';
import { GOOGLE_DEFAULTS } from '../shared/adapters/google-health/oauth-composition.js';
import { ENV } from '../shared/runtime/environment.js';

/** What a real Google needs from the environment: the client secret, endpoints default to Google's. */
export class RealGoogleConfigurationError extends Error {
  override readonly name = 'RealGoogleConfigurationError';
}

/**
 * When GOOGLE_CLIENT_ID is set, `npm start` talks to that Google (a real Cloud test project, or any
 * compatible server) instead of the simulator: its client id and secret, and the four GOOGLE_*_URL
 * endpoints (Google's own when unset). Webhooks cannot reach a laptop, so the catch-up schedule syncs
 * every linked member on each run (stale after 0 minutes). Undefined when GOOGLE_CLIENT_ID is unset.
 */
export const realGoogleEnvironment = (
  env: NodeJS.ProcessEnv,
): { environment: Record<string, string> } | undefined => {
  const clientId = env[ENV.googleClientId];
  if (clientId === undefined || clientId === '') return undefined;
  const clientSecret = env[ENV.googleClientSecret];
  if (clientSecret === undefined || clientSecret === '') {
    throw new RealGoogleConfigurationError(
      `${ENV.googleClientSecret} must be set with ${ENV.googleClientId} (the OAuth client's secret)`,
    );
  }
  const url = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };
  return {
    environment: {
      [ENV.googleHealthApiUrl]: url(ENV.googleHealthApiUrl, GOOGLE_DEFAULTS.apiUrl),
      [ENV.googleOAuthAuthorizeUrl]: url(ENV.googleOAuthAuthorizeUrl, GOOGLE_DEFAULTS.authorizeUrl),
      [ENV.googleOAuthTokenUrl]: url(ENV.googleOAuthTokenUrl, GOOGLE_DEFAULTS.tokenUrl),
      [ENV.googleOAuthRevokeUrl]: url(ENV.googleOAuthRevokeUrl, GOOGLE_DEFAULTS.revokeUrl),
      [ENV.googleClientId]: clientId,
      [ENV.googleClientSecret]: clientSecret,
      [ENV.localTokenKey]: url(ENV.localTokenKey, randomBytes(32).toString('base64')),
      // No subscriber can be created for a laptop; the endpoint still refuses anything unauthorised.
      [ENV.webhookAuthorization]: `Bearer ${randomBytes(24).toString('base64url')}`,
      [ENV.catchUpStaleAfterMinutes]: '0',
    },
  };
};

/** CATCH_UP_MINUTES: how often the local catch-up schedule runs. Unset: the given default. */
export const catchUpMinutesFrom = (raw: string | undefined, fallback: number): number => {
  if (raw === undefined || raw.trim() === '') return fallback;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
    throw new RealGoogleConfigurationError(
      `CATCH_UP_MINUTES must be a number of minutes above 0, not "${raw}"`,
    );
  }
  return minutes;
};
