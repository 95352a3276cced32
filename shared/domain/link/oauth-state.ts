import { timingSafeEqual } from 'node:crypto';

/**
 * The OAuth `state` is `<invitationId>.<nonce>`: the id finds the invitation, the nonce (stored on it with the
 * PKCE verifier) proves this callback answers the attempt we started. The nonce is the hash of the browser's
 * binding secret (browser-binding.ts), so it also names the browser that may finish the attempt.
 */
export interface ParsedState {
  invitationId: string;
  nonce: string;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const formatState = (invitationId: string, nonce: string): string => `${invitationId}.${nonce}`;

export const parseState = (state: string | undefined): ParsedState | undefined => {
  if (state === undefined) return undefined;
  const [invitationId, nonce, ...rest] = state.split('.');
  if (rest.length > 0 || invitationId === undefined || nonce === undefined) return undefined;
  if (!ID_PATTERN.test(invitationId) || !ID_PATTERN.test(nonce)) return undefined;
  return { invitationId, nonce };
};

/** Constant-time comparison, so the stored nonce cannot be guessed byte by byte from response times. */
export const noncesMatch = (received: string, stored: string): boolean => {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(stored, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};
