import type { Alert } from '../alert.js';
import type { Clock } from '../clock.js';
import type { AlertPublisher } from '../ports/alert-publisher.js';
import type { AlertStore } from '../ports/alert-store.js';

export interface AlertPorts {
  alerts: AlertStore;
  publisher: AlertPublisher;
  clock: Clock;
}

/** raised: new and sent; resent: stored earlier but never marked sent; already-sent: nothing to do. */
export type RaiseOutcome = {
  alertKey: string;
  outcome: 'raised' | 'resent' | 'already-sent' | 'already-resolved';
};

/**
 * Raises alerts exactly once per (member, rule, episode), outbox-style.
 *
 * For each alert:
 * 1. AlertStore.putIfAbsent on its key. The stored record is the outbox entry.
 * 2. If this call created it, or the stored one has no publishedAt (an earlier attempt crashed between
 *    the put and the send), publish the stored alert. The FIFO dedupe id is the alert key, so a send
 *    repeated within SQS's 5-minute window is dropped by the queue as well.
 * 3. markPublished. Until this succeeds a retry will send again: at-least-once, never silently lost.
 * An alert already published, or already resolved before it was ever sent, is left alone.
 */
export const raiseAlerts = async (ports: AlertPorts, alerts: readonly Alert[]): Promise<RaiseOutcome[]> => {
  const outcomes: RaiseOutcome[] = [];
  for (const alert of alerts) {
    const { created, stored } = await ports.alerts.putIfAbsent(alert);
    if (stored.publishedAt !== undefined) {
      outcomes.push({ alertKey: stored.alertKey, outcome: 'already-sent' });
      continue;
    }
    if (stored.status === 'resolved') {
      outcomes.push({ alertKey: stored.alertKey, outcome: 'already-resolved' });
      continue;
    }
    await ports.publisher.publish(stored);
    await ports.alerts.markPublished(stored.memberId, stored.alertKey, ports.clock.now().toISOString());
    outcomes.push({ alertKey: stored.alertKey, outcome: created ? 'raised' : 'resent' });
  }
  return outcomes;
};
