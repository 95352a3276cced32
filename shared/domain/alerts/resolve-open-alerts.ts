import type { Alert, AlertRule } from '../alert.js';
import type { AlertPorts } from './raise-alerts.js';

/**
 * Resolves a member's open alerts for one rule (e.g. wearable-no-data when data returns) and tells the
 * care team.
 *
 * For each open alert:
 * 1. Publish a copy with status 'resolved' and resolvedAt; its FIFO dedupe id is `<alertKey>#resolved`.
 * 2. AlertStore.resolve. Publishing first means a crash in between leaves the alert open, so a retry
 *    sends the notice again rather than never; the dedupe id absorbs a quick repeat.
 * Alerts that were never published are resolved without a notice: staff never saw them open.
 * `shouldResolve` narrows which open alerts the caller's evidence clears. Returns the keys resolved.
 */
export const resolveOpenAlerts = async (
  ports: AlertPorts,
  memberId: string,
  rule: AlertRule,
  shouldResolve: (alert: Alert) => boolean = () => true,
): Promise<string[]> => {
  const open = (await ports.alerts.listOpen(memberId, rule)).filter(shouldResolve);
  const resolvedAt = ports.clock.now().toISOString();
  for (const alert of open) {
    if (alert.publishedAt !== undefined) {
      await ports.publisher.publish({ ...alert, status: 'resolved', resolvedAt });
    }
    await ports.alerts.resolve(memberId, alert.alertKey, resolvedAt);
  }
  return open.map((alert) => alert.alertKey);
};
