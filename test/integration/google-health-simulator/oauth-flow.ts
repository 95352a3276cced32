import { createHash } from 'node:crypto';
import { type GoogleHealthSimulator, SCOPES } from '../../../local/google-health-simulator/simulator.js';

export const REDIRECT_URI = 'http://localhost:4010/v1/oauth/google/callback';
export const VERIFIER = 'verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG';
export const ALL_SCOPES = Object.values(SCOPES);

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: string;
}

export const challengeOf = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

export const authorizeUrl = (
  simulator: GoogleHealthSimulator,
  overrides: Record<string, string | undefined> = {},
): URL => {
  const url = new URL(simulator.urls.authorize);
  const params: Record<string, string | undefined> = {
    client_id: simulator.client.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: ALL_SCOPES.join(' '),
    code_challenge: challengeOf(VERIFIER),
    code_challenge_method: 'S256',
    state: 'state-123',
    access_type: 'offline',
    prompt: 'consent',
    ...overrides,
  };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url;
};

/** Follows the consent redirect and returns the callback URL the browser would land on. */
export const consent = async (
  simulator: GoogleHealthSimulator,
  overrides: Record<string, string | undefined> = {},
) => {
  const response = await fetch(authorizeUrl(simulator, overrides), { redirect: 'manual' });
  return { status: response.status, location: new URL(response.headers.get('location') ?? 'about:blank') };
};

export const postToken = async (simulator: GoogleHealthSimulator, form: Record<string, string>) => {
  const response = await fetch(simulator.urls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: simulator.client.clientId,
      client_secret: simulator.client.clientSecret,
      ...form,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

export const exchangeCode = (simulator: GoogleHealthSimulator, code: string, verifier = VERIFIER) =>
  postToken(simulator, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
  });

/** Runs the whole consent and code exchange, returning the token response. */
export const linkUser = async (
  simulator: GoogleHealthSimulator,
  userKey: string,
  scopes: string[] = ALL_SCOPES,
): Promise<TokenResponse> => {
  simulator.setNextConsent('approve', userKey);
  const { location } = await consent(simulator, { scope: scopes.join(' ') });
  const { status, body } = await exchangeCode(simulator, location.searchParams.get('code') ?? '');
  if (status !== 200) throw new Error(`Token exchange failed: ${JSON.stringify(body)}`);
  return body as unknown as TokenResponse;
};

export const apiGet = async (simulator: GoogleHealthSimulator, accessToken: string, path: string) => {
  const response = await fetch(new URL(`/v4/${path}`, simulator.urls.api), {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};
