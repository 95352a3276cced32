import { OidcStaffIdentityProvider } from '../../shared/adapters/oidc-staff-identity-provider.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { consoleBaseUrl, consoleCookieSettings } from '../console/cookie-settings.js';
import { createSignInRoute } from './routes.js';

const logger = createLogger('console-sign-in');
const publicBaseUrl = consoleBaseUrl();

/** Staff sign-in (OpenID Connect code flow with PKCE) and sign-out for the care-team console. */
export const handler = httpHandler(
  createSignInRoute({
    cookies: consoleCookieSettings(publicBaseUrl),
    identity: new OidcStaffIdentityProvider({
      issuer: requireEnv(ENV.consoleOidcIssuer),
      clientId: requireEnv(ENV.consoleOidcClientId),
      redirectUri: `${publicBaseUrl}/console/auth/callback`,
    }),
    clock: systemClock,
    publicBaseUrl,
    logger,
  }),
  logger,
);
