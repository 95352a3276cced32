import type { Alert } from '../alert.js';

export type CreateOutcome = 'created' | 'exists' | 'slot-taken';

/**
 * Alerts, with an "open slot" per open alert (see openSlotOf): at most one open alert per member and
 * slot, and a cheap list of every open alert for the follow-up schedule. Every write is conditional, so
 * concurrent or redelivered evaluations cannot both win.
 */
export interface AlertStore {
  /** Stores a new alert (revision 1) and claims its slot, atomically. */
  create(alert: Alert, slot: string): Promise<CreateOutcome>;
  /**
   * Replaces the stored alert if its revision is `alert.revision - 1`; false when someone else wrote
   * first (re-read and re-apply). Releases the slot once the alert is resolved and every notification
   * has been sent.
   */
  replace(alert: Alert, slot: string): Promise<boolean>;
  get(memberId: string, alertKey: string): Promise<Alert | undefined>;
  /** The alert holding a member's slot, if any (it may be resolved with a notice still to send). */
  findBySlot(memberId: string, slot: string): Promise<Alert | undefined>;
  /** Every held slot, across members: the follow-up schedule's work list. */
  listSlots(): Promise<Array<{ memberId: string; alertKey: string }>>;
  list(query: { memberId?: string; limit?: number }): Promise<Alert[]>;
  /** Open (unresolved) alerts for a member and rule. */
  listOpen(memberId: string, rule: string): Promise<Alert[]>;
}
