import type { GoogleOAuth, GrantedTokens } from '../../shared/domain/link/google-oauth.js';

/** A scripted Google: counts calls, answers with the queued results. */
export class FakeGoogleOAuth implements GoogleOAuth {
  readonly refreshes: string[] = [];
  readonly revoked: string[] = [];
  readonly exchanges: { code: string; codeVerifier: string }[] = [];
  refreshResult: () => Promise<GrantedTokens> = async () => ({
    accessToken: `access-${this.refreshes.length}`,
    accessTokenExpiresAt: '2026-11-23T12:00:00.000Z',
    scope: 'granted',
  });
  exchangeResult: () => Promise<GrantedTokens> = async () => ({
    accessToken: 'first-access',
    accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
    refreshToken: 'first-refresh',
    scope:
      'https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly https://www.googleapis.com/auth/googlehealth.settings.readonly',
  });

  authorizationUrl(request: { state: string; codeChallenge: string }): string {
    return `https://google.test/auth?state=${request.state}&code_challenge=${request.codeChallenge}`;
  }

  async exchangeCode(request: { code: string; codeVerifier: string }) {
    this.exchanges.push(request);
    return this.exchangeResult();
  }

  async refresh(refreshToken: string) {
    this.refreshes.push(refreshToken);
    // Yield so concurrent callers really overlap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.refreshResult();
  }

  async revoke(token: string) {
    this.revoked.push(token);
  }
}
