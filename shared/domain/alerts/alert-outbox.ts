import type { Alert } from '../alert.js';
import type { Clock } from '../clock.js';
import type { AlertOutboxStore } from '../ports/alert-outbox-store.js';
import type { AlertPublisher } from '../ports/alert-publisher.js';
import type { AlertStore } from '../ports/alert-store.js';
import { openSlotOf } from './alert-condition.js';

/** What raising an alert and sending its notices need (raiseAlert, sendPendingNotifications). */
export interface AlertOutboxPorts {
  alerts: AlertOutboxStore;
  publisher: AlertPublisher;
  clock: Clock;
}

export interface AlertPorts extends AlertOutboxPorts {
  alerts: AlertStore;
}

export class UnknownAlertError extends Error {
  constructor(readonly alertKey: string) {
    super(`No alert with key ${alertKey}. Copy the alertKey from \`npx pulse-relay alerts list\`.`);
    this.name = 'UnknownAlertError';
  }
}

export class ConcurrentAlertUpdateError extends Error {
  constructor(readonly alertKey: string) {
    super(`Alert ${alertKey} kept changing while it was being updated; try again.`);
    this.name = 'ConcurrentAlertUpdateError';
  }
}

const MAX_ATTEMPTS = 8;

/**
 * Read-modify-write with optimistic concurrency: `change` gets the stored alert and returns the next
 * state (or undefined for "nothing to do"); the write is conditional on the revision it read, and a
 * conflicting write makes it re-read and re-apply. Returns the stored alert after the change.
 */
export const changeAlert = async (
  store: AlertOutboxStore,
  memberId: string,
  alertKey: string,
  change: (alert: Alert) => Alert | undefined,
): Promise<{ alert: Alert; changed: boolean }> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await store.get(memberId, alertKey);
    if (stored === undefined) throw new UnknownAlertError(alertKey);
    const next = change(stored);
    if (next === undefined) return { alert: stored, changed: false };
    const written = { ...next, revision: stored.revision + 1 };
    if (await store.replace(written, openSlotOf(written))) return { alert: written, changed: true };
  }
  throw new ConcurrentAlertUpdateError(alertKey);
};

/**
 * The outbox step: sends every notification of the alert that the queue has not accepted yet, then
 * records publishedAt on it. A crash between the send and the record sends it again on the next attempt
 * (the stream retry, or the follow-up schedule): at least once, never lost. The dedupe id makes a quick
 * repeat a no-op on the queue. Returns how many were sent.
 */
export const sendPendingNotifications = async (ports: AlertOutboxPorts, alert: Alert): Promise<number> => {
  const now = ports.clock.now();
  const pending = alert.notifications.filter(
    (n) =>
      n.publishedAt === undefined && (alert.sendAfter === undefined || now.toISOString() >= alert.sendAfter),
  );
  if (pending.length === 0) return 0;
  for (const notification of pending) {
    await ports.publisher.publish(alert, notification);
  }
  const publishedAt = now.toISOString();
  const sent = new Set(pending.map((n) => n.dedupeId));
  await changeAlert(ports.alerts, alert.memberId, alert.alertKey, (stored) => {
    if (!stored.notifications.some((n) => sent.has(n.dedupeId) && n.publishedAt === undefined))
      return undefined;
    return {
      ...stored,
      publishedAt: stored.publishedAt ?? publishedAt,
      notifications: stored.notifications.map((n) =>
        sent.has(n.dedupeId) && n.publishedAt === undefined ? { ...n, publishedAt } : n,
      ),
    };
  });
  return pending.length;
};
