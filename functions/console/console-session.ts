import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from '../../shared/domain/zod-mini.js';
import { openCookieValue, sealCookieValue } from './sealed-cookie.js';

/** Signed out after 30 minutes without a request (a shared office computer left unlocked). */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** And after 12 hours whatever happens: one working day. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** The sign-in round trip to the identity provider must finish within 10 minutes. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000;

const sessionSchema = z.object({
  email: z.string(),
  name: z.string(),
  /** Random per sign-in; the CSRF token is derived from it. */
  sid: z.string(),
  issuedAt: z.number(),
  lastSeenAt: z.number(),
});
export type ConsoleSession = z.infer<typeof sessionSchema>;

const signInSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
  startedAt: z.number(),
});
export type SignInTransaction = z.infer<typeof signInSchema>;

export interface CookieSettings {
  /** 32-byte key; sessions sealed with another key do not open. */
  key: Uint8Array;
  /** False only when the console is served over http on localhost. */
  secure: boolean;
}

const names = (secure: boolean) =>
  // __Host- cookies must be Secure, host-only and Path=/, so no sibling site can set or read them.
  secure
    ? { session: '__Host-pr-console', signIn: '__Host-pr-sign-in' }
    : { session: 'pr-console', signIn: 'pr-sign-in' };

const cookieHeader = (name: string, value: string, maxAgeSeconds: number, secure: boolean): string =>
  `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

const cookieValue = (cookies: readonly string[] | undefined, name: string): string | undefined => {
  for (const cookie of cookies ?? []) {
    const [cookieName, ...rest] = cookie.split('=');
    if (cookieName?.trim() === name) return rest.join('=').trim();
  }
  return undefined;
};

export const newSession = (identity: { email: string; name: string }, now: number): ConsoleSession => ({
  ...identity,
  sid: randomBytes(16).toString('base64url'),
  issuedAt: now,
  lastSeenAt: now,
});

/** The session in the request's cookies, if it is genuine and neither idle nor too old. */
export const readSession = (
  settings: CookieSettings,
  cookies: readonly string[] | undefined,
  now: number,
): ConsoleSession | undefined => {
  const sealed = cookieValue(cookies, names(settings.secure).session);
  if (sealed === undefined) return undefined;
  const parsed = sessionSchema.safeParse(openCookieValue(settings.key, 'console-session', sealed));
  if (!parsed.success) return undefined;
  const session = parsed.data;
  if (now - session.lastSeenAt > IDLE_TIMEOUT_MS || now - session.issuedAt > ABSOLUTE_TIMEOUT_MS)
    return undefined;
  return session;
};

/** Set-Cookie for the session, with lastSeenAt moved to now: each request extends the idle window. */
export const sessionCookie = (settings: CookieSettings, session: ConsoleSession, now: number): string =>
  cookieHeader(
    names(settings.secure).session,
    sealCookieValue(settings.key, 'console-session', { ...session, lastSeenAt: now }),
    Math.floor(IDLE_TIMEOUT_MS / 1000),
    settings.secure,
  );

export const clearSessionCookie = (settings: CookieSettings): string =>
  cookieHeader(names(settings.secure).session, '', 0, settings.secure);

export const signInCookie = (settings: CookieSettings, transaction: SignInTransaction): string =>
  cookieHeader(
    names(settings.secure).signIn,
    sealCookieValue(settings.key, 'console-sign-in', transaction),
    Math.floor(SIGN_IN_TIMEOUT_MS / 1000),
    settings.secure,
  );

export const clearSignInCookie = (settings: CookieSettings): string =>
  cookieHeader(names(settings.secure).signIn, '', 0, settings.secure);

export const readSignIn = (
  settings: CookieSettings,
  cookies: readonly string[] | undefined,
  now: number,
): SignInTransaction | undefined => {
  const sealed = cookieValue(cookies, names(settings.secure).signIn);
  if (sealed === undefined) return undefined;
  const parsed = signInSchema.safeParse(openCookieValue(settings.key, 'console-sign-in', sealed));
  if (!parsed.success || now - parsed.data.startedAt > SIGN_IN_TIMEOUT_MS) return undefined;
  return parsed.data;
};

/** Synchroniser token for forms: bound to this session, useless in any other. */
export const csrfTokenFor = (settings: CookieSettings, session: ConsoleSession): string =>
  createHmac('sha256', Buffer.from(hkdfSync('sha256', settings.key, '', 'pulse-relay console csrf', 32)))
    .update(session.sid)
    .digest('base64url');

export const isValidCsrfToken = (
  settings: CookieSettings,
  session: ConsoleSession,
  token: string | undefined,
): boolean => {
  if (token === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(settings, session));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
