import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  csrfTokenFor,
  IDLE_TIMEOUT_MS,
  isValidCsrfToken,
  newSession,
  readSession,
  readSignIn,
  sessionCookie,
  signInCookie,
} from '../../../../functions/console/console-session.js';

const settings = { key: randomBytes(32), secure: true };
const T0 = Date.parse('2026-12-01T09:00:00Z');
const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? '';
const session = newSession({ email: 'ana@example.org', name: 'Ana' }, T0);

describe('console session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Secure and __Host- outside localhost', () => {
    const cookie = sessionCookie(settings, session, T0);
    expect(cookie).toMatch(
      /^__Host-pr-console=[A-Za-z0-9_-]+; Path=\/; Max-Age=1800; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(sessionCookie({ ...settings, secure: false }, session, T0)).toMatch(
      /^pr-console=.*; HttpOnly; SameSite=Lax$/,
    );
  });

  it('opens only with its key and only as a session', () => {
    const cookie = cookiePair(sessionCookie(settings, session, T0));
    expect(readSession(settings, [cookie], T0 + 1000)).toMatchObject({ email: 'ana@example.org' });
    expect(readSession({ ...settings, key: randomBytes(32) }, [cookie], T0)).toBeUndefined();
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('A') ? 'BBB' : 'AAA');
    expect(readSession(settings, [tampered], T0)).toBeUndefined();
    // A sign-in transaction cookie is sealed for another purpose: it cannot pass as a session.
    const signIn = cookiePair(
      signInCookie(settings, {
        state: 's',
        nonce: 'n',
        codeVerifier: 'v',
        returnTo: '/console',
        startedAt: T0,
      }),
    ).replace('__Host-pr-sign-in', '__Host-pr-console');
    expect(readSession(settings, [signIn], T0)).toBeUndefined();
  });

  it('ends after 30 idle minutes, and each request restarts the idle clock', () => {
    const first = cookiePair(sessionCookie(settings, session, T0));
    expect(readSession(settings, [first], T0 + IDLE_TIMEOUT_MS + 1)).toBeUndefined();
    const refreshed = cookiePair(sessionCookie(settings, session, T0 + IDLE_TIMEOUT_MS - 1000));
    expect(readSession(settings, [refreshed], T0 + IDLE_TIMEOUT_MS + 60_000)).toBeDefined();
  });

  it('ends after 12 hours even when busy', () => {
    const late = cookiePair(sessionCookie(settings, session, T0 + 12 * 3_600_000));
    expect(readSession(settings, [late], T0 + 12 * 3_600_000 + 1)).toBeUndefined();
  });

  it('expires a sign-in that took over 10 minutes', () => {
    const cookie = cookiePair(
      signInCookie(settings, {
        state: 's',
        nonce: 'n',
        codeVerifier: 'v',
        returnTo: '/console',
        startedAt: T0,
      }),
    );
    expect(readSignIn(settings, [cookie], T0 + 9 * 60_000)).toMatchObject({ state: 's' });
    expect(readSignIn(settings, [cookie], T0 + 11 * 60_000)).toBeUndefined();
  });
});

describe('CSRF token', () => {
  it('is accepted for its own session only', () => {
    const token = csrfTokenFor(settings, session);
    expect(isValidCsrfToken(settings, session, token)).toBe(true);
    const other = newSession({ email: 'ana@example.org', name: 'Ana' }, T0);
    expect(isValidCsrfToken(settings, other, token)).toBe(false);
    expect(isValidCsrfToken(settings, session, undefined)).toBe(false);
    expect(isValidCsrfToken(settings, session, `${token}x`)).toBe(false);
  });
});
