import { randomBytes } from 'node:crypto';
import { ENV } from '../shared/runtime/environment.js';
import type { GoogleHealthSimulator } from './google-health-simulator/simulator.js';

/**
 * What the handlers need to talk to the simulator instead of Google: its endpoints, its OAuth client,
 * a fresh local token key, a webhook secret and the simulator's public keyset.
 */
export const simulatedGoogleEnvironment = (simulator: GoogleHealthSimulator) => {
  const webhookAuthorization = `Bearer ${randomBytes(24).toString('base64url')}`;
  return {
    webhookAuthorization,
    environment: {
      [ENV.googleHealthApiUrl]: simulator.urls.api,
      [ENV.googleOAuthAuthorizeUrl]: simulator.urls.authorize,
      [ENV.googleOAuthTokenUrl]: simulator.urls.token,
      [ENV.googleOAuthRevokeUrl]: simulator.urls.revoke,
      [ENV.googleClientId]: simulator.client.clientId,
      [ENV.googleClientSecret]: simulator.client.clientSecret,
      [ENV.localTokenKey]: randomBytes(32).toString('base64'),
      [ENV.webhookAuthorization]: webhookAuthorization,
      [ENV.webhookPublicKeyset]: JSON.stringify(simulator.publicKeyset()),
    },
  };
};
