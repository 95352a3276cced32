import type { Alert } from '../../../../shared/domain/alert.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import type { AlertPublisher } from '../../../../shared/domain/ports/alert-publisher.js';
import type { AlertStore } from '../../../../shared/domain/ports/alert-store.js';

/** Faithful in-memory AlertStore: put-if-absent by key, first publish time kept. */
export class InMemoryAlertStore implements AlertStore {
  readonly items = new Map<string, Alert>();

  async putIfAbsent(alert: Alert): Promise<{ created: boolean; stored: Alert }> {
    const existing = this.items.get(alert.alertKey);
    if (existing !== undefined) {
      return { created: false, stored: structuredClone(existing) };
    }
    this.items.set(alert.alertKey, structuredClone(alert));
    return { created: true, stored: structuredClone(alert) };
  }

  async markPublished(_memberId: string, alertKey: string, publishedAt: string): Promise<void> {
    const alert = this.required(alertKey);
    alert.publishedAt ??= publishedAt;
  }

  async resolve(_memberId: string, alertKey: string, resolvedAt: string): Promise<void> {
    const alert = this.required(alertKey);
    alert.status = 'resolved';
    alert.resolvedAt ??= resolvedAt;
  }

  async list(query: { memberId?: string; limit?: number }): Promise<Alert[]> {
    return [...this.items.values()].filter(
      (a) => query.memberId === undefined || a.memberId === query.memberId,
    );
  }

  async listOpen(memberId: string, rule: string): Promise<Alert[]> {
    return [...this.items.values()]
      .filter((a) => a.memberId === memberId && a.rule === rule && a.status === 'open')
      .map((a) => structuredClone(a));
  }

  private required(alertKey: string): Alert {
    const alert = this.items.get(alertKey);
    if (alert === undefined) throw new Error(`no alert ${alertKey}`);
    return alert;
  }
}

export class RecordingPublisher implements AlertPublisher {
  readonly sent: Alert[] = [];
  failNext = false;

  async publish(alert: Alert): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('queue unavailable');
    }
    this.sent.push(structuredClone(alert));
  }
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

export const alertPorts = (now = '2026-11-20T09:00:05.000Z') => ({
  alerts: new InMemoryAlertStore(),
  publisher: new RecordingPublisher(),
  clock: fixedClock(now),
});
