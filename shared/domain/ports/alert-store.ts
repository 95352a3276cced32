import type { Alert } from '../alert.js';

export interface AlertStore {
  /** Put-if-absent on (member, alert key). Returns the stored alert, and whether this call created it. */
  putIfAbsent(alert: Alert): Promise<{ created: boolean; stored: Alert }>;
  markPublished(memberId: string, alertKey: string, publishedAt: string): Promise<void>;
  resolve(memberId: string, alertKey: string, resolvedAt: string): Promise<void>;
  list(query: { memberId?: string; limit?: number }): Promise<Alert[]>;
  /** Open (unresolved) alerts for a member and rule; used for stale-data episodes. */
  listOpen(memberId: string, rule: string): Promise<Alert[]>;
}
