import type { WearableLink } from '../wearable-link.js';

/** Link metadata (not tokens: those live in the TokenVault). */
export interface LinkStore {
  get(memberId: string): Promise<WearableLink | undefined>;
  findMemberByHealthUserId(healthUserId: string): Promise<string | undefined>;
  /**
   * Every link in state 'linked', a page at a time, so a caller never holds the whole directory.
   * Each linked member appears in exactly one page.
   */
  linkedPages(): AsyncIterable<readonly WearableLink[]>;
  /** Advances cursors and sync timestamps; never moves a cursor backwards. */
  recordSync(
    memberId: string,
    update: { cursors: Record<string, string>; lastSyncAt: string; lastDataAt?: string },
  ): Promise<void>;
  recordNotification(memberId: string, at: string): Promise<void>;
  setState(memberId: string, state: WearableLink['state']): Promise<void>;
}
