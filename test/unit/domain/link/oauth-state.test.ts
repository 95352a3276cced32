import { describe, expect, it } from 'vitest';
import { browserMatchesState, createBrowserBinding } from '../../../../shared/domain/link/browser-binding.js';
import { formatState, noncesMatch, parseState } from '../../../../shared/domain/link/oauth-state.js';

const createStateNonce = () => createBrowserBinding().stateNonce;

describe('OAuth state', () => {
  it('binds a nonce to the invitation id and parses back', () => {
    const nonce = createStateNonce();
    expect(parseState(formatState('AAAAAAAAAAAAAAAAAAAAAA', nonce))).toEqual({
      invitationId: 'AAAAAAAAAAAAAAAAAAAAAA',
      nonce,
    });
  });

  it.each([
    undefined,
    '',
    'no-dot-at-all-here-xxxxxxxxx',
    'AAAAAAAAAAAAAAAAAAAAAA.',
    '.AAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBB.CCCCCCCCCCCCCCCCCCCC',
    'AAAAAAAAAAAAAAAAAAAAAA.<script>alert(1)</script>xxxx',
  ])('refuses the malformed state %j', (state) => {
    expect(parseState(state)).toBeUndefined();
  });

  it('matches only the identical nonce', () => {
    const nonce = createStateNonce();
    expect(noncesMatch(nonce, nonce)).toBe(true);
    expect(noncesMatch(nonce, createStateNonce())).toBe(false);
    expect(noncesMatch(nonce, nonce.slice(1))).toBe(false);
  });
});

describe('browser binding', () => {
  it('puts only the hash of the cookie secret into the state, and matches that secret alone', () => {
    const binding = createBrowserBinding();
    expect(binding.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(binding.stateNonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(binding.stateNonce).not.toBe(binding.secret);
    expect(parseState(formatState('AAAAAAAAAAAAAAAAAAAAAA', binding.stateNonce))?.nonce).toBe(
      binding.stateNonce,
    );
    expect(browserMatchesState(binding.secret, binding.stateNonce)).toBe(true);
  });

  it.each([
    ['no cookie', undefined],
    ['an empty cookie', ''],
    ['the state nonce itself (it travels in URLs)', 'NONCE'],
    ['another binding secret', 'OTHER'],
  ])('refuses %s', (_, given) => {
    const binding = createBrowserBinding();
    const secret =
      given === 'NONCE' ? binding.stateNonce : given === 'OTHER' ? createBrowserBinding().secret : given;
    expect(browserMatchesState(secret, binding.stateNonce)).toBe(false);
  });
});
