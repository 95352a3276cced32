/** What the browser must carry between starting and finishing a sign-in (kept in a sealed cookie). */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A person the identity provider vouches for. */
export interface VerifiedIdentity {
  /** Verified, lower-case: the key of the staff directory. */
  email: string;
  name: string;
}

/** The staff sign-in: OpenID Connect authorisation code with PKCE (Cognito in AWS, oidc-provider locally). */
export interface StaffIdentityProvider {
  beginSignIn(): Promise<{ authorizationUrl: string; checks: SignInChecks }>;
  /** Checks state, nonce, PKCE and the ID token; throws SignInFailedError when any fails. */
  finishSignIn(callbackUrl: string, checks: SignInChecks): Promise<VerifiedIdentity>;
}

export class SignInFailedError extends Error {
  constructor(readonly reason: string) {
    super(`Sign-in failed: ${reason}`);
    this.name = 'SignInFailedError';
  }
}
