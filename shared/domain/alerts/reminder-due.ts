import type { Alert } from '../alert.js';
import type { AlertPolicy } from './alert-policy.js';

const HOUR_MS = 3_600_000;

/**
 * When an open alert's next reminder is due, or undefined when none is: it was never sent, a message
 * is still waiting to be sent, it is resolved, or someone acknowledged it after the care team was last told how bad it is (an escalation
 * needs a new acknowledgement). The interval is per rule or per severity (4 h urgent, 24 h otherwise,
 * weekly for the re-link task) from the last message sent; a snooze pushes it to the snooze's end.
 */
export const nextReminderAt = (alert: Alert, policy: AlertPolicy): Date | undefined => {
  if (alert.status !== 'open' || alert.severity === 'info') return undefined;
  // A notification still waiting to be sent (by a concurrent run, say) is the next message already.
  if (alert.notifications.some((n) => n.publishedAt === undefined)) return undefined;
  const sent = alert.notifications.filter((n) => n.publishedAt !== undefined);
  const lastTold = sent.filter((n) => n.kind === 'raised' || n.kind === 'escalated').at(-1);
  const lastSent = sent.at(-1);
  if (lastTold === undefined || lastSent === undefined) return undefined;
  if (alert.acknowledgement !== undefined && alert.acknowledgement.at >= lastTold.at) return undefined;
  const hours = policy.reminderHoursByRule[alert.rule] ?? policy.reminderHours[alert.severity];
  const due = Date.parse(lastSent.at) + hours * HOUR_MS;
  const snoozedUntil = alert.snooze === undefined ? 0 : Date.parse(alert.snooze.until);
  return new Date(Math.max(due, snoozedUntil));
};
