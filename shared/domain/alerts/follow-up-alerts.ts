import { type AlertPorts, changeAlert, sendPendingNotifications } from './alert-outbox.js';
import type { AlertPolicy } from './alert-policy.js';
import { withNotification } from './new-alert.js';
import { nextReminderAt } from './reminder-due.js';

export interface FollowUpResult {
  checked: number;
  reminders: number;
  /** Notifications sent that were pending: a held baseline summary, or a send a crash interrupted. */
  pendingSent: number;
  failures: number;
}

/**
 * The follow-up schedule's alert pass, over every open alert (the store's open slots):
 * 1. Send any notification still pending: a baseline summary whose hold has passed, or one whose send
 *    was interrupted (the outbox backstop).
 * 2. If a reminder is due (reminder-due.ts), queue a `reminder` notification and send it. The write is
 *    conditional on the alert's revision, so two overlapping runs cannot both add one.
 * One alert's failure is counted and does not stop the others.
 */
export const followUpAlerts = async (
  ports: AlertPorts,
  policy: AlertPolicy,
  onFailure: (alertKey: string, error: unknown) => void = () => undefined,
): Promise<FollowUpResult> => {
  const result: FollowUpResult = { checked: 0, reminders: 0, pendingSent: 0, failures: 0 };
  for (const slot of await ports.alerts.listSlots()) {
    try {
      const stored = await ports.alerts.get(slot.memberId, slot.alertKey);
      if (stored === undefined) continue;
      result.checked += 1;
      result.pendingSent += await sendPendingNotifications(ports, stored);
      const now = ports.clock.now();
      const { alert, changed } = await changeAlert(ports.alerts, slot.memberId, slot.alertKey, (current) => {
        const due = nextReminderAt(current, policy);
        return due !== undefined && due <= now ? withNotification(current, 'reminder', now) : undefined;
      });
      if (changed) {
        await sendPendingNotifications(ports, alert);
        result.reminders += 1;
      }
    } catch (error) {
      result.failures += 1;
      onFailure(slot.alertKey, error);
    }
  }
  return result;
};
