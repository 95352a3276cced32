import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Binds an OAuth attempt to the browser that started it. The start page gives the browser a random secret in
 * a cookie, and the state nonce sent to Google is the SHA-256 of that secret. The invitation already stores
 * the state nonce, so storage holds only the hash, and the state (which travels through Google and browser
 * history) does not reveal the secret. A callback counts only if the cookie's secret hashes to its state
 * nonce: a callback URL opened in any other browser (a forwarded link, a login-CSRF attempt, someone else
 * finishing an attempt the member started) links nothing.
 */
export interface BrowserBinding {
  /** Goes to the browser only, in the binding cookie. */
  secret: string;
  /** SHA-256 of the secret: goes into the OAuth state and is stored with the pending attempt. */
  stateNonce: string;
}

const hashOf = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export const createBrowserBinding = (): BrowserBinding => {
  const secret = randomBytes(32).toString('base64url');
  return { secret, stateNonce: hashOf(secret).toString('base64url') };
};

/** Constant-time: the cookie's secret must hash to the state nonce Google echoed back. */
export const browserMatchesState = (secret: string | undefined, stateNonce: string): boolean => {
  if (secret === undefined || secret === '') return false;
  const expected = Buffer.from(stateNonce, 'base64url');
  const actual = hashOf(secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};
