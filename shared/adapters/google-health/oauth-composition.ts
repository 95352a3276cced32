import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '../../domain/clock.js';
import type { GoogleOAuth } from '../../domain/link/google-oauth.js';
import {
  RefreshingAccessTokenProvider,
  type RefreshingAccessTokenProviderOptions,
} from '../../domain/link/refreshing-access-token-provider.js';
import type { RelinkAlertRaiser } from '../../domain/link/relink-alert-raiser.js';
import type { AccessTokenProvider } from '../../domain/ports/access-token-provider.js';
import type { TokenVault } from '../../domain/ports/token-vault.js';
import { ENV, optionalEnv, requireEnv } from '../../runtime/environment.js';
import { OAUTH_CALLBACK_PATH } from '../../runtime/resource-catalogue.js';
import { DynamoDbLinkStore } from '../dynamodb-link-store.js';
import { createTokenVault } from '../token-vault-from-env.js';
import { GoogleOAuthClient } from './oauth-client.js';
import { googleClientSecret } from './oauth-client-secret.js';

export const GOOGLE_DEFAULTS = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  apiUrl: 'https://health.googleapis.com',
} as const;

/** The Google OAuth client configured from ENV (endpoints default to Google's). */
export const createGoogleOAuthFromEnv = (): GoogleOAuthClient =>
  new GoogleOAuthClient({
    authorizeUrl: optionalEnv(ENV.googleOAuthAuthorizeUrl, GOOGLE_DEFAULTS.authorizeUrl),
    tokenUrl: optionalEnv(ENV.googleOAuthTokenUrl, GOOGLE_DEFAULTS.tokenUrl),
    revokeUrl: optionalEnv(ENV.googleOAuthRevokeUrl, GOOGLE_DEFAULTS.revokeUrl),
    clientId: requireEnv(ENV.googleClientId),
    clientSecret: () => googleClientSecret(),
    redirectUri: `${requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '')}${OAUTH_CALLBACK_PATH}`,
  });

/** What linking, unlinking and token refresh share. Build once per container. */
export interface LinkAdapters {
  linkStore: DynamoDbLinkStore;
  oauth: GoogleOAuth;
  vault: TokenVault;
}

export const createLinkAdapters = (client: DynamoDBDocumentClient): LinkAdapters => ({
  linkStore: new DynamoDbLinkStore(client, requireEnv(ENV.directoryTable)),
  oauth: createGoogleOAuthFromEnv(),
  vault: createTokenVault(),
});

/**
 * The AccessTokenProvider for sync workers. Keep one per container: its in-process single-flight and token
 * memory are what stop a batch of jobs for one member from refreshing more than once.
 */
export const createAccessTokenProvider = (
  adapters: LinkAdapters,
  alerts: RelinkAlertRaiser,
  clock: Clock = systemClock,
  options: RefreshingAccessTokenProviderOptions = {},
): AccessTokenProvider =>
  new RefreshingAccessTokenProvider(
    { tokens: adapters.linkStore, vault: adapters.vault, oauth: adapters.oauth, alerts, clock },
    options,
  );
