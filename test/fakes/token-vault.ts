import type { TokenBundle, TokenVault } from '../../shared/domain/ports/token-vault.js';

/** Seals by JSON-encoding with the member id, so tests can see what was stored. */
export const transparentVault: TokenVault = {
  seal: async (memberId, bundle) => ({
    scheme: 'local',
    iv: memberId,
    ciphertext: JSON.stringify(bundle),
    authTag: 'test',
  }),
  open: async (memberId, sealed) => {
    if (sealed.iv !== memberId) throw new Error('wrong member');
    return JSON.parse(sealed.ciphertext) as TokenBundle;
  },
};
