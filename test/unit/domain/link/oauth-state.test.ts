import { describe, expect, it } from 'vitest';
import {
  createStateNonce,
  formatState,
  noncesMatch,
  parseState,
} from '../../../../shared/domain/link/oauth-state.js';

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
