import type { WearableLink } from '../wearable-link.js';

export interface SyncRecord {
  cursors: Record<string, string>;
  lastSyncAt: string;
  lastDataAt?: string;
  consent?: { granted: string[]; refused: string[] };
}

/** Link metadata (not tokens: those live in the TokenVault). */
export interface LinkStore {
  get(memberId: string): Promise<WearableLink | undefined>;
  findMemberByHealthUserId(healthUserId: string): Promise<string | undefined>;
  /**
   * Links in the given states (default: 'linked'), a page at a time, so a caller never holds the whole
   * directory. Each link appears in exactly one page. The no-data check also asks for 'needs-relink': a
   * member whose link broke stays monitored until re-linked.
   */
  linkedPages(states?: readonly WearableLink['state'][]): AsyncIterable<readonly WearableLink[]>;
  /**
   * Advances cursors and sync timestamps (never backwards), and replaces the granted and refused data
   * types when given.
   */
  recordSync(memberId: string, update: SyncRecord): Promise<void>;
  recordNotification(memberId: string, at: string): Promise<void>;
  setState(memberId: string, state: WearableLink['state']): Promise<void>;
}
