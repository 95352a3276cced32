import type { Alert } from '../../shared/domain/alert.js';
import type { AlertStore, CreateOutcome } from '../../shared/domain/ports/alert-store.js';

const settled = (alert: Alert): boolean =>
  alert.status === 'resolved' && alert.notifications.every((n) => n.publishedAt !== undefined);

/**
 * The in-memory twin of DynamoDbAlertStore: conditional create with an open slot, revision-checked
 * replace. test/contracts/alert-store.contract.ts runs against both.
 */
export class InMemoryAlertStore implements AlertStore {
  readonly items = new Map<string, Alert>();
  readonly slots = new Map<string, string>();
  /** Makes the next replace lose a race, as a concurrent writer would. */
  conflictNext = false;

  async create(alert: Alert, slot: string): Promise<CreateOutcome> {
    if (this.items.has(alert.alertKey)) return 'exists';
    if (this.slots.has(`${alert.memberId}#${slot}`)) return 'slot-taken';
    this.items.set(alert.alertKey, structuredClone(alert));
    this.slots.set(`${alert.memberId}#${slot}`, alert.alertKey);
    return 'created';
  }

  async replace(alert: Alert, slot: string): Promise<boolean> {
    const stored = this.items.get(alert.alertKey);
    if (this.conflictNext || stored === undefined || stored.revision !== alert.revision - 1) {
      this.conflictNext = false;
      return false;
    }
    this.items.set(alert.alertKey, structuredClone(alert));
    const slotKey = `${alert.memberId}#${slot}`;
    if (settled(alert) && this.slots.get(slotKey) === alert.alertKey) this.slots.delete(slotKey);
    return true;
  }

  async get(memberId: string, alertKey: string): Promise<Alert | undefined> {
    const alert = this.items.get(alertKey);
    return alert === undefined || alert.memberId !== memberId ? undefined : structuredClone(alert);
  }

  async findBySlot(memberId: string, slot: string): Promise<Alert | undefined> {
    const key = this.slots.get(`${memberId}#${slot}`);
    return key === undefined ? undefined : this.get(memberId, key);
  }

  async listSlots(): Promise<Array<{ memberId: string; alertKey: string }>> {
    return [...this.slots.entries()].map(([slotKey, alertKey]) => ({
      memberId: slotKey.slice(0, slotKey.indexOf('#')),
      alertKey,
    }));
  }

  /** Newest first, at most `limit` (default 100), as the adapter lists them. */
  async list(query: { memberId?: string; limit?: number }): Promise<Alert[]> {
    return [...this.items.values()]
      .filter((a) => query.memberId === undefined || a.memberId === query.memberId)
      .sort((a, b) => `${b.raisedAt}#${b.alertKey}`.localeCompare(`${a.raisedAt}#${a.alertKey}`))
      .slice(0, query.limit ?? 100)
      .map((a) => structuredClone(a));
  }

  async listOpen(memberId: string, rule: string): Promise<Alert[]> {
    return [...this.items.values()]
      .filter((a) => a.memberId === memberId && a.rule === rule && a.status === 'open')
      .map((a) => structuredClone(a));
  }

  /** All alerts of a member and rule. */
  byRule(rule: string): Alert[] {
    return [...this.items.values()].filter((a) => a.rule === rule);
  }
}
