import { type AlertPolicy, DEFAULT_ALERT_POLICY } from '../domain/alerts/alert-policy.js';

/** Environment variables that override the alert policy (docs/clinical-safety.md, README). */
export const ALERT_POLICY_ENV = {
  normalReadingsToResolve: 'ALERT_RESOLVE_AFTER_NORMAL_READINGS',
  urgentReminderHours: 'ALERT_REMINDER_HOURS_URGENT',
  watchReminderHours: 'ALERT_REMINDER_HOURS_WATCH',
  staffTaskReminderHours: 'ALERT_REMINDER_HOURS_STAFF_TASK',
  baselineGroupWaitMinutes: 'ALERT_BASELINE_GROUP_WAIT_MINUTES',
} as const;

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Environment variable ${name} must be a positive number, not "${raw}"`);
  }
  return value;
};

/** The policy with any environment overrides; fails fast on a value that is not a positive number. */
export const alertPolicyFromEnv = (): AlertPolicy => ({
  ...DEFAULT_ALERT_POLICY,
  normalReadingsToResolve: Math.round(
    positive(ALERT_POLICY_ENV.normalReadingsToResolve, DEFAULT_ALERT_POLICY.normalReadingsToResolve),
  ),
  reminderHours: {
    urgent: positive(ALERT_POLICY_ENV.urgentReminderHours, DEFAULT_ALERT_POLICY.reminderHours.urgent),
    watch: positive(ALERT_POLICY_ENV.watchReminderHours, DEFAULT_ALERT_POLICY.reminderHours.watch),
    'staff-task': positive(
      ALERT_POLICY_ENV.staffTaskReminderHours,
      DEFAULT_ALERT_POLICY.reminderHours['staff-task'],
    ),
  },
  baselineGroupWaitMinutes: positive(
    ALERT_POLICY_ENV.baselineGroupWaitMinutes,
    DEFAULT_ALERT_POLICY.baselineGroupWaitMinutes,
  ),
});
