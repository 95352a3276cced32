import type { Alert, AlertRule, AlertSeverity } from '../../shared/domain/alert.js';

export type AlertStatusFilter = 'open' | 'acknowledged' | 'snoozed' | 'resolved' | 'all';

/** Where the alert stands for the care team, in the inbox's own terms. */
export const alertStatusOf = (alert: Alert, now: Date): Exclude<AlertStatusFilter, 'all'> => {
  if (alert.status === 'resolved') return 'resolved';
  if (alert.snooze !== undefined && Date.parse(alert.snooze.until) > now.getTime()) return 'snoozed';
  if (alert.acknowledgement !== undefined) return 'acknowledged';
  return 'open';
};

export const RULE_LABELS: Record<AlertRule, string> = {
  'bp-severe': 'Very high blood pressure',
  'bp-low': 'Low blood pressure',
  'bp-no-readings': 'No blood-pressure readings',
  'baseline-summary': 'Readings from before monitoring began',
  'resting-hr-out-of-band': 'Resting heart rate out of range',
  'spo2-urgent': 'Low blood oxygen',
  'spo2-watch': 'Blood oxygen a little low',
  'wearable-no-data': 'No Fitbit data',
  'link-needs-relink': 'Fitbit link needs renewing',
  'link-scope-refused': 'Fitbit data types not shared',
  'weekly-summary': 'Weekly summary',
  'reading-refused': 'Reading refused',
  'bp-average-stage2': 'High home blood-pressure average',
  'thresholds-review-due': 'Thresholds due for review',
};

/** Plain label for any rule, including rules added after this list. */
export const ruleLabel = (rule: string): string => RULE_LABELS[rule as AlertRule] ?? rule.replace(/-/g, ' ');

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  urgent: 'Urgent',
  watch: 'Watch',
  'staff-task': 'Staff task',
  info: 'For information',
};

const SEVERITY_ORDER: Record<string, number> = { urgent: 0, watch: 1, 'staff-task': 2, info: 3 };

/** Urgent first, then watch, staff tasks, information; newest first within each. */
export const inboxOrder = (a: Alert, b: Alert): number =>
  (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) ||
  b.raisedAt.localeCompare(a.raisedAt);

/** "3 hours ago", "2 days ago": how long the alert has waited. */
export const ageOf = (iso: string, now: Date): string => {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
};

/** "Tue 1 Dec, 14:05" in UK time: the charity's staff work in London. */
export const ukTime = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** What has been sent or done about the alert, oldest first. */
export const historyOf = (alert: Alert): { at: string; text: string }[] => {
  const entries: { at: string; text: string }[] = [{ at: alert.raisedAt, text: 'Alert raised' }];
  if (alert.notifications !== undefined && alert.notifications.length > 0) {
    for (const notification of alert.notifications) {
      entries.push({
        at: notification.publishedAt ?? notification.at,
        text:
          notification.publishedAt === undefined
            ? `${notification.kind} notice waiting to be sent`
            : `${notification.kind} notice sent to the care team`,
      });
    }
  } else if (alert.publishedAt !== undefined) {
    entries.push({ at: alert.publishedAt, text: 'Sent to the care team' });
  }
  if (alert.acknowledgement !== undefined) {
    const note = alert.acknowledgement.note === undefined ? '' : `: “${alert.acknowledgement.note}”`;
    entries.push({
      at: alert.acknowledgement.at,
      text: `Acknowledged by ${alert.acknowledgement.by}${note}`,
    });
  }
  if (alert.snooze !== undefined) {
    entries.push({
      at: alert.snooze.at,
      text: `Snoozed by ${alert.snooze.by} until ${ukTime(alert.snooze.until)}: “${alert.snooze.reason}”`,
    });
  }
  if (alert.resolvedAt !== undefined) entries.push({ at: alert.resolvedAt, text: 'Resolved' });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
};
