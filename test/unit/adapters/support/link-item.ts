import type { SealedTokens } from '../../../../shared/domain/ports/token-vault.js';

/** Sealed tokens and a linked member's item as the directory table holds them, for the link adapters' tests. */
export const sealed: SealedTokens = { scheme: 'local', iv: 'iv', ciphertext: 'ct', authTag: 'tag' };

export const linkItem = {
  pk: 'MEMBER#m1',
  sk: 'LINK#google-health',
  type: 'link',
  memberId: 'm1',
  provider: 'google-health',
  state: 'linked',
  healthUserId: 'hu-1',
  timezone: 'Europe/London',
  linkedAt: '2026-11-20T10:00:00.000Z',
  cursors: { steps: '2026-11-23T08:00:00Z' },
  tokenVersion: 4,
  sealedTokens: sealed,
};
