/** An RFC 6749 error from the token or revoke endpoint: `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

/** A problem with an authorization request that Google shows as an error page instead of redirecting. */
export class AuthorizationRequestError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = 'AuthorizationRequestError';
  }
}
