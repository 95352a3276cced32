import { describe, expect, it } from 'vitest';
import { GoogleOAuthClient } from '../../../../shared/adapters/google-health/oauth-client.js';
import {
  InvalidGrantError,
  OAuthProviderError,
  OAuthUnavailableError,
} from '../../../../shared/domain/link/oauth-errors.js';

interface Call {
  url: string;
  form: Record<string, string>;
}

const fakeFetch = (status: number, body: unknown, calls: Call[] = []): typeof fetch =>
  (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), form: Object.fromEntries(new URLSearchParams(String(init?.body))) });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;

const client = (fetchFn: typeof fetch) =>
  new GoogleOAuthClient({
    authorizeUrl: 'https://accounts.example/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.example/token',
    revokeUrl: 'https://oauth2.example/revoke',
    clientId: 'client-1',
    clientSecret: async () => 'secret-1',
    redirectUri: 'https://pulse.example/v1/oauth/google/callback',
    now: () => new Date('2026-11-23T10:00:00.000Z'),
    fetch: fetchFn,
  });

describe('GoogleOAuthClient', () => {
  it('builds the authorisation URL with PKCE, offline access, consent and only the read scopes', () => {
    const url = new URL(
      client(fakeFetch(200, {})).authorizationUrl({ state: 'inv.nonce', codeChallenge: 'ch' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.example/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://pulse.example/v1/oauth/google/callback',
      scope: [
        'https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly',
        'https://www.googleapis.com/auth/googlehealth.health_metrics_and_measurements.readonly',
        'https://www.googleapis.com/auth/googlehealth.sleep.readonly',
        'https://www.googleapis.com/auth/googlehealth.settings.readonly',
      ].join(' '),
      state: 'inv.nonce',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'false',
    });
  });

  it('exchanges a code with the verifier as a form post and normalises the answer', async () => {
    const calls: Call[] = [];
    const fetchFn = fakeFetch(
      200,
      { access_token: 'a', expires_in: 3599, refresh_token: 'r', scope: 's1 s2', token_type: 'Bearer' },
      calls,
    );
    expect(await client(fetchFn).exchangeCode({ code: 'c', codeVerifier: 'v' })).toEqual({
      accessToken: 'a',
      accessTokenExpiresAt: '2026-11-23T10:59:59.000Z',
      refreshToken: 'r',
      scope: 's1 s2',
    });
    expect(calls).toEqual([
      {
        url: 'https://oauth2.example/token',
        form: {
          grant_type: 'authorization_code',
          code: 'c',
          code_verifier: 'v',
          redirect_uri: 'https://pulse.example/v1/oauth/google/callback',
          client_id: 'client-1',
          client_secret: 'secret-1',
        },
      },
    ]);
  });

  it('refreshes without a refresh token in the answer when Google does not rotate', async () => {
    const calls: Call[] = [];
    const fetchFn = fakeFetch(
      200,
      { access_token: 'a2', expires_in: 60, scope: 's', token_type: 'Bearer' },
      calls,
    );
    const granted = await client(fetchFn).refresh('r1');
    expect(granted.refreshToken).toBeUndefined();
    expect(calls[0]?.form).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'r1' });
  });

  it.each([
    [
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      InvalidGrantError,
    ],
    [401, { error: 'invalid_client', error_description: 'Unauthorized' }, OAuthProviderError],
    [503, 'Service Unavailable', OAuthUnavailableError],
    [400, '<html>not json</html>', OAuthUnavailableError],
    [200, { access_token: 'a' }, OAuthUnavailableError],
  ])('maps a %i answer %j to %o', async (status, body, errorClass) => {
    await expect(client(fakeFetch(status, body)).refresh('r')).rejects.toBeInstanceOf(errorClass);
  });

  it('maps a network failure to OAuthUnavailableError', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(client(failing).refresh('r')).rejects.toBeInstanceOf(OAuthUnavailableError);
  });

  it('revokes with a form post and treats an already-invalid token as revoked', async () => {
    const calls: Call[] = [];
    await client(fakeFetch(200, {}, calls)).revoke('r1');
    expect(calls).toEqual([{ url: 'https://oauth2.example/revoke', form: { token: 'r1' } }]);
    await expect(client(fakeFetch(400, { error: 'invalid_token' })).revoke('r1')).resolves.toBeUndefined();
    await expect(client(fakeFetch(500, {})).revoke('r1')).rejects.toBeInstanceOf(OAuthUnavailableError);
  });
});
