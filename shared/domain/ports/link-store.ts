import type { WearableLink } from '../wearable-link.js';

/** Link metadata (not tokens: those live in the TokenVault). */
export interface LinkStore {
  get(memberId: string): Promise<WearableLink | undefined>;
  findMemberByHealthUserId(healthUserId: string): Promise<string | undefined>;
  /**
   * Links still monitored: 'linked' and 'needs-relink' (a member whose link broke stays in the no-data
   * check until re-linked). Callers that sync filter on state 'linked'.
   */
  listLinked(): Promise<WearableLink[]>;
  /** Advances cursors and sync timestamps; never moves a cursor backwards. */
  recordSync(
    memberId: string,
    update: { cursors: Record<string, string>; lastSyncAt: string; lastDataAt?: string },
  ): Promise<void>;
  recordNotification(memberId: string, at: string): Promise<void>;
  setState(memberId: string, state: WearableLink['state']): Promise<void>;
}
