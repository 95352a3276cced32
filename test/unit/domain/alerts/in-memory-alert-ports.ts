import type { Alert, AlertNotification } from '../../../../shared/domain/alert.js';
import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import type { AlertPublisher } from '../../../../shared/domain/ports/alert-publisher.js';
import type { AlertStore, CreateOutcome } from '../../../../shared/domain/ports/alert-store.js';

const settled = (alert: Alert): boolean =>
  alert.status === 'resolved' && alert.notifications.every((n) => n.publishedAt !== undefined);

/** Faithful in-memory AlertStore: conditional create with an open slot, revision-checked replace. */
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

  async get(_memberId: string, alertKey: string): Promise<Alert | undefined> {
    const alert = this.items.get(alertKey);
    return alert === undefined ? undefined : structuredClone(alert);
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

  async list(query: { memberId?: string; limit?: number }): Promise<Alert[]> {
    return [...this.items.values()]
      .filter((a) => query.memberId === undefined || a.memberId === query.memberId)
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

export interface SentMessage {
  alert: Alert;
  notification: AlertNotification;
}

export class RecordingPublisher implements AlertPublisher {
  readonly sent: SentMessage[] = [];
  failNext = false;

  async publish(alert: Alert, notification: AlertNotification): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('queue unavailable');
    }
    this.sent.push({ alert: structuredClone(alert), notification: structuredClone(notification) });
  }

  kinds(): string[] {
    return this.sent.map((m) => m.notification.kind);
  }
}

/** A clock the test can move. */
export class MovableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export const alertPorts = (now = '2026-11-20T09:00:05.000Z') => ({
  alerts: new InMemoryAlertStore(),
  publisher: new RecordingPublisher(),
  clock: new MovableClock(new Date(now)),
});

export const TEST_POLICY = DEFAULT_ALERT_POLICY;
