import type { Alert, AlertRule } from '../alert.js';
import { type AlertPorts, changeAlert, sendPendingNotifications } from './alert-outbox.js';
import { resolveEpisode } from './episode-lifecycle.js';

/**
 * Resolves a member's open alerts for one rule (wearable-no-data when data returns, bp-no-readings when
 * a reading arrives, link-needs-relink on re-link) and sends the `resolved` notice. Alerts the care team
 * was never told about are closed silently. `shouldResolve` narrows which open alerts the caller's
 * evidence clears. Returns the keys resolved.
 */
export const resolveOpenAlerts = async (
  ports: AlertPorts,
  memberId: string,
  rule: AlertRule,
  shouldResolve: (alert: Alert) => boolean = () => true,
  sentence = ' Update: this has cleared, so the alert is closed.',
): Promise<string[]> => {
  const open = (await ports.alerts.listOpen(memberId, rule)).filter(shouldResolve);
  const resolved: string[] = [];
  for (const candidate of open) {
    const { alert, changed } = await changeAlert(ports.alerts, memberId, candidate.alertKey, (stored) =>
      stored.status === 'open' ? resolveEpisode(stored, ports.clock.now(), sentence) : undefined,
    );
    await sendPendingNotifications(ports, alert);
    if (changed) resolved.push(alert.alertKey);
  }
  return resolved;
};
