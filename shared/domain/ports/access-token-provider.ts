/** Thrown when Google says the refresh token is no longer valid and a re-read confirmed it. */
export class LinkNeedsRelinkError extends Error {
  constructor(readonly memberId: string) {
    super(`The Google Health link for member ${memberId} needs to be made again`);
    this.name = 'LinkNeedsRelinkError';
  }
}

/**
 * Hands out a valid Google access token for a member, refreshing single-flight when needed.
 * On invalid_grant it re-reads the stored token, then marks the link needs-relink and throws LinkNeedsRelinkError.
 */
export interface AccessTokenProvider {
  accessTokenFor(memberId: string): Promise<string>;
  /** Called after a 401 from the API: the next accessTokenFor must refresh. */
  invalidate(memberId: string, rejectedAccessToken: string): Promise<void>;
}
