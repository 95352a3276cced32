import type { AlertRule, AlertSeverity } from '../alert.js';
import type { EpisodePolicy } from './episode-lifecycle.js';

/**
 * Deployment-wide alert behaviour (per-member values are thresholds). Every value is a clinical-safety
 * setting reviewed in docs/clinical-safety.md; the functions read overrides from the environment
 * (shared/runtime/alert-policy-from-env.ts).
 */
export interface AlertPolicy extends EpisodePolicy {
  /** An unacknowledged open alert is sent again as a reminder after this long, by severity. */
  reminderHours: Record<AlertSeverity, number>;
  /** Rules with their own interval: the re-link staff task is re-raised weekly until done. */
  reminderHoursByRule: Partial<Record<AlertRule, number>>;
  /** Readings measured more than this long before the device was registered or linked are a baseline. */
  baselineHours: number;
  /** A baseline summary is first sent this long after its first reading, so one import is one message. */
  baselineGroupWaitMinutes: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  normalReadingsToResolve: 3,
  escalationSystolicRise: 20,
  reminderHours: { urgent: 4, watch: 24, 'staff-task': 24 },
  reminderHoursByRule: { 'link-needs-relink': 24 * 7 },
  baselineHours: 72,
  baselineGroupWaitMinutes: 5,
};
