import type { Alert } from '../alert.js';
import { openSlotOf } from './alert-condition.js';
import { type AlertOutboxPorts, sendPendingNotifications } from './alert-outbox.js';

export type { AlertOutboxPorts, AlertPorts } from './alert-outbox.js';

/**
 * raised: new and sent; resent: stored earlier but its notification never confirmed sent; already-sent:
 * nothing to do; already-open: another alert of the same condition is open and carries on (reminders);
 * already-resolved: resolved before it was ever sent.
 */
export type RaiseOutcome = {
  alertKey: string;
  outcome: 'raised' | 'resent' | 'already-sent' | 'already-open' | 'already-resolved';
};

/**
 * Raises one alert exactly once per key, outbox-style: store it with its `raised` notification queued
 * (and claim its open slot), then send what is pending. A repeat call with the same key only finishes an
 * interrupted send. This is the entry point for any rule that builds a whole alert itself (newAlert):
 * wearable-no-data, link-needs-relink, bp-no-readings, reading-refused, ...
 */
export const raiseAlert = async (ports: AlertOutboxPorts, alert: Alert): Promise<RaiseOutcome> => {
  const slot = openSlotOf(alert);
  const created = await ports.alerts.create(alert, slot);
  if (created === 'slot-taken') {
    const holder = await ports.alerts.findBySlot(alert.memberId, slot);
    if (holder !== undefined) await sendPendingNotifications(ports, holder);
    return { alertKey: holder?.alertKey ?? alert.alertKey, outcome: 'already-open' };
  }
  const stored = created === 'created' ? alert : await ports.alerts.get(alert.memberId, alert.alertKey);
  if (stored === undefined) return { alertKey: alert.alertKey, outcome: 'already-resolved' };
  const sent = await sendPendingNotifications(ports, stored);
  if (created === 'created') return { alertKey: alert.alertKey, outcome: 'raised' };
  if (sent > 0) return { alertKey: alert.alertKey, outcome: 'resent' };
  return {
    alertKey: alert.alertKey,
    outcome: stored.status === 'resolved' ? 'already-resolved' : 'already-sent',
  };
};

/** raiseAlert for each alert, in order. */
export const raiseAlerts = async (
  ports: AlertOutboxPorts,
  alerts: readonly Alert[],
): Promise<RaiseOutcome[]> => {
  const outcomes: RaiseOutcome[] = [];
  for (const alert of alerts) outcomes.push(await raiseAlert(ports, alert));
  return outcomes;
};
