/** Google answered invalid_grant: the code or refresh token is expired, revoked, reused or (PKCE) mismatched. */
export class InvalidGrantError extends Error {
  constructor(readonly description: string) {
    super(`Google refused the grant: ${description}`);
    this.name = 'InvalidGrantError';
  }
}

/** Any other RFC 6749 error from Google's token or revoke endpoint (a client or configuration fault). */
export class OAuthProviderError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`Google OAuth error ${error} (${httpStatus}): ${description}`);
    this.name = 'OAuthProviderError';
  }
}

/** Google could not be reached or answered 5xx or an unreadable body: worth retrying later. */
export class OAuthUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OAuthUnavailableError';
  }
}
