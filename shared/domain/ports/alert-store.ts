import type { Alert } from '../alert.js';
import type { AlertOutboxStore } from './alert-outbox-store.js';

export type { CreateOutcome } from './alert-outbox-store.js';

/**
 * Alerts, with an "open slot" per open alert (see openSlotOf): at most one open alert per member and
 * slot, and a cheap list of every open alert for the follow-up schedule. Every write is conditional, so
 * concurrent or redelivered evaluations cannot both win.
 */
export interface AlertStore extends AlertOutboxStore {
  /** Every held slot, across members: the follow-up schedule's work list. */
  listSlots(): Promise<Array<{ memberId: string; alertKey: string }>>;
  list(query: { memberId?: string; limit?: number }): Promise<Alert[]>;
  /** Open (unresolved) alerts for a member and rule. */
  listOpen(memberId: string, rule: string): Promise<Alert[]>;
}
