/** What Google's token endpoint hands back, normalised. */
export interface GrantedTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  /** Present on code exchange; on refresh only when Google rotates it. */
  refreshToken?: string;
  scope: string;
}

/**
 * Google OAuth 2.0 web-server flow with PKCE. Failures are InvalidGrantError, OAuthProviderError or
 * OAuthUnavailableError (see oauth-errors.ts).
 */
export interface GoogleOAuth {
  authorizationUrl(request: { state: string; codeChallenge: string }): string;
  exchangeCode(request: { code: string; codeVerifier: string }): Promise<GrantedTokens>;
  refresh(refreshToken: string): Promise<GrantedTokens>;
  /** Revoking a refresh token also revokes its access tokens. */
  revoke(token: string): Promise<void>;
}
