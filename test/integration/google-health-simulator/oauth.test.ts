import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  SCOPES,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { apiGet, consent, exchangeCode, linkUser, postToken, REDIRECT_URI } from './oauth-flow.js';

let now = new Date('2026-11-20T12:00:00Z');
let simulator: GoogleHealthSimulator;

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 1, clock: () => now });
});

afterAll(async () => {
  await simulator.stop();
});

describe('authorize', () => {
  it('redirects to the callback with a code and the state when the person approves', async () => {
    const { status, location } = await consent(simulator);

    expect(status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toMatch(/^4\/0A/);
  });

  it('redirects with access_denied and the state when the person declines', async () => {
    simulator.setNextConsent('deny');

    const { location } = await consent(simulator);

    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it.each([
    ['plain PKCE', { code_challenge_method: 'plain' }],
    ['missing PKCE', { code_challenge: undefined, code_challenge_method: undefined }],
    ['an unknown scope', { scope: 'https://www.googleapis.com/auth/googlehealth.sleep' }],
    ['an unregistered redirect', { redirect_uri: 'https://evil.example/cb' }],
    ['an unknown client', { client_id: 'nobody' }],
    ['a token response type', { response_type: 'token' }],
  ])('shows an error page and does not redirect for %s', async (_name, overrides) => {
    const { status } = await consent(simulator, overrides);

    expect(status).toBe(400);
  });
});

describe('token', () => {
  it('exchanges a code for Bearer tokens valid for 3599 seconds', async () => {
    const { location } = await consent(simulator);

    const { status, body } = await exchangeCode(simulator, location.searchParams.get('code') ?? '');

    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('answers invalid_grant when the PKCE verifier does not match the challenge', async () => {
    const { location } = await consent(simulator);

    const { status, body } = await exchangeCode(
      simulator,
      location.searchParams.get('code') ?? '',
      'another-verifier-that-is-long-enough-0123456789-abcdef',
    );

    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('answers invalid_grant when a code is used twice, and revokes what the first use issued', async () => {
    const { location } = await consent(simulator);
    const code = location.searchParams.get('code') ?? '';
    const first = await exchangeCode(simulator, code);

    const second = await exchangeCode(simulator, code);

    expect(first.status).toBe(200);
    expect(second).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
    const refresh = await postToken(simulator, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('answers invalid_client for a wrong secret, with Basic authentication too', async () => {
    const response = await fetch(simulator.urls.token, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${simulator.client.clientId}:wrong`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refreshes without rotating by default', async () => {
    const tokens = await linkUser(simulator, 'default');

    const { status, body } = await postToken(simulator, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });
    const again = await postToken(simulator, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });

    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.access_token).not.toBe(tokens.access_token);
    expect(again.status).toBe(200);
  });

  it('with rotation on, returns a new refresh token and the old one becomes invalid_grant', async () => {
    const tokens = await linkUser(simulator, 'default');
    simulator.setRotateRefreshTokens(true);
    try {
      const rotated = await postToken(simulator, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      const reused = await postToken(simulator, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      const next = await postToken(simulator, {
        grant_type: 'refresh_token',
        refresh_token: String(rotated.body.refresh_token),
      });

      expect(rotated.status).toBe(200);
      expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
      expect(reused).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
      expect(next.status).toBe(200);
    } finally {
      simulator.setRotateRefreshTokens(false);
    }
  });
});

describe('revoke and expiry', () => {
  it('revoking the refresh token ends the grant: data calls get 401 and refresh gets invalid_grant', async () => {
    const tokens = await linkUser(simulator, 'default');

    const revoke = await fetch(
      `${simulator.urls.revoke}?token=${encodeURIComponent(tokens.refresh_token ?? '')}`,
      {
        method: 'POST',
      },
    );
    const data = await apiGet(simulator, tokens.access_token, 'users/me/identity');
    const refresh = await postToken(simulator, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
    });

    expect(revoke.status).toBe(200);
    expect(data.status).toBe(401);
    expect(data.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(refresh).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
  });

  it('revoking an unknown token answers invalid_token', async () => {
    const response = await fetch(simulator.urls.revoke, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'never-issued' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('an access token expires after expires_in seconds on the simulator clock', async () => {
    const tokens = await linkUser(simulator, 'default');
    const before = await apiGet(simulator, tokens.access_token, 'users/me/identity');
    now = new Date(now.getTime() + 3599 * 1000);

    const after = await apiGet(simulator, tokens.access_token, 'users/me/identity');

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('invalid_token');
    expect(after.body).toMatchObject({
      error: { status: 'UNAUTHENTICATED', details: [{ reason: 'ACCESS_TOKEN_EXPIRED' }] },
    });
  });
});

describe('identity, settings and scopes', () => {
  it('returns identity and settings with the time zone', async () => {
    const user = simulator.createUser({ userKey: 'member-tz', timezone: 'Europe/London' });
    const tokens = await linkUser(simulator, 'member-tz');

    const identity = await apiGet(simulator, tokens.access_token, 'users/me/identity');
    const settings = await apiGet(simulator, tokens.access_token, 'users/me/settings');

    expect(identity.body).toEqual({
      name: 'users/me/identity',
      healthUserId: user.healthUserId,
      legacyUserId: user.legacyUserId,
    });
    expect(user.healthUserId).toMatch(/^[A-Za-z0-9-]{1,63}$/);
    expect(settings.body).toMatchObject({ name: 'users/me/settings', timeZone: 'Europe/London' });
  });

  it('answers 403 PERMISSION_DENIED for a data type whose scope was not granted', async () => {
    simulator.createUser({ userKey: 'member-sleep-only' });
    const tokens = await linkUser(simulator, 'member-sleep-only', [SCOPES.sleep]);

    const steps = await apiGet(simulator, tokens.access_token, 'users/me/dataTypes/steps/dataPoints');
    const sleep = await apiGet(simulator, tokens.access_token, 'users/me/dataTypes/sleep/dataPoints');

    expect(steps.status).toBe(403);
    expect(steps.body).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    expect(sleep.status).toBe(200);
  });

  it('honours granular consent: unticked scopes are not granted', async () => {
    simulator.createUser({ userKey: 'member-partial' });
    simulator.setNextConsent('approve', 'member-partial', { grantedScopes: [SCOPES.sleep] });
    const { location } = await consent(simulator);

    const { body } = await exchangeCode(simulator, location.searchParams.get('code') ?? '');

    expect(body.scope).toBe(SCOPES.sleep);
  });
});
