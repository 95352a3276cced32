import type { SealedTokens } from '../ports/token-vault.js';
import type { LinkState } from '../wearable-link.js';

export interface StoredTokens {
  state: LinkState;
  /** Bumped by every token write: the optimistic lock that serialises refreshes across workers. */
  tokenVersion: number;
  sealed: SealedTokens;
  /** UTC ISO: a worker holds the right to refresh until then. */
  refreshLeaseUntil?: string;
}

/** The encrypted tokens on the link item, written only under a tokenVersion condition. */
export interface LinkTokenStore {
  /** Consistent read; undefined when there is no link or it holds no tokens (unlinked). */
  readTokens(memberId: string): Promise<StoredTokens | undefined>;
  /** Takes the refresh lease if the version is unchanged and no live lease exists. */
  tryAcquireRefreshLease(memberId: string, tokenVersion: number, until: Date, now: Date): Promise<boolean>;
  /** Writes the new bundle as tokenVersion + 1 and drops the lease; false when the version moved or the link is not linked. */
  replaceTokens(memberId: string, tokenVersion: number, sealed: SealedTokens): Promise<boolean>;
  /** Gives the lease back after a failed refresh, so waiting workers can try at once. */
  releaseRefreshLease(memberId: string, tokenVersion: number): Promise<void>;
  /** Marks the link needs-relink unless the tokens changed meanwhile; false when they did. */
  markNeedsRelink(memberId: string, tokenVersion: number): Promise<boolean>;
}
