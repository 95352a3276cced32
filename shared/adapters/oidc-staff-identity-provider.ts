import * as oidc from 'openid-client';
import {
  type SignInChecks,
  SignInFailedError,
  type StaffIdentityProvider,
  type VerifiedIdentity,
} from '../domain/ports/staff-identity-provider.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

/** Plain http is allowed only for an identity provider on this machine (the local stack's oidc-provider). */
const isLoopback = (url: URL): boolean =>
  url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * OpenID Connect through `openid-client`: discovery, authorisation code with PKCE (S256), state and nonce,
 * ID token signature and claims checked by the library. A public client: no secret to leak or rotate.
 */
export class OidcStaffIdentityProvider implements StaffIdentityProvider {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  async beginSignIn(): Promise<{ authorizationUrl: string; checks: SignInChecks }> {
    const config = await this.config();
    const checks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { authorizationUrl: url.href, checks };
  }

  async finishSignIn(callbackUrl: string, checks: SignInChecks): Promise<VerifiedIdentity> {
    const config = await this.config();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new SignInFailedError(error instanceof Error ? error.name : 'token exchange failed');
    }
    const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined;
    // Cognito sends a boolean; some federated providers send the string "true".
    const verified = claims?.email_verified === true || claims?.email_verified === 'true';
    if (email === undefined || !verified) throw new SignInFailedError('no verified e-mail address');
    const name = typeof claims?.name === 'string' && claims.name !== '' ? claims.name : email;
    return { email, name };
  }

  /** Discovery once per container; a failure is retried on the next sign-in. */
  private config(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.configuration ??= oidc
      .discovery(issuer, this.settings.clientId, undefined, oidc.None(), {
        ...(isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
