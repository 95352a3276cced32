import type { Alert } from '../alert.js';

export type CreateOutcome = 'created' | 'exists' | 'slot-taken';

/**
 * What raising an alert and sending its notices (the outbox) need of the alert store: one alert by key or
 * by slot, and the conditional writes. AlertStore adds the listings; a function that only raises alerts
 * (sync-worker) depends on this and bundles no more.
 */
export interface AlertOutboxStore {
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
}
