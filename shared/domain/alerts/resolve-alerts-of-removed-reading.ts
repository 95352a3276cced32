import type { AlertRule } from '../alert.js';
import type { Metric } from '../metric.js';
import type { AlertPorts } from './raise-alerts.js';
import { resolveOpenAlerts } from './resolve-open-alerts.js';

/** The rules that rest on readings of each metric (wearable-no-data and re-link rest on none). */
const RULES_BY_METRIC: Partial<Record<Metric, readonly AlertRule[]>> = {
  'blood-pressure': ['bp-severe', 'bp-low'],
  'resting-heart-rate': ['resting-hr-out-of-band'],
  'daily-oxygen-saturation': ['spo2-urgent', 'spo2-watch'],
  'oxygen-saturation': ['spo2-urgent', 'spo2-watch'],
};

/**
 * A reading was deleted (the member removed it at the source, and a sync removed it here). Any open
 * alert that rested on that reading alone is resolved, with the usual notice to staff; an alert that
 * also rests on other readings stays open. Returns the keys resolved.
 */
export const resolveAlertsOfRemovedReading = async (
  ports: AlertPorts,
  removed: { memberId: string; metric: Metric; measuredAt: string },
): Promise<string[]> => {
  const at = Date.parse(removed.measuredAt);
  const resolved: string[] = [];
  for (const rule of RULES_BY_METRIC[removed.metric] ?? []) {
    resolved.push(
      ...(await resolveOpenAlerts(
        ports,
        removed.memberId,
        rule,
        (alert) =>
          alert.readings.length > 0 &&
          alert.readings.every((ref) => ref.metric === removed.metric && Date.parse(ref.measuredAt) === at),
        ' Update: the reading this alert rested on was deleted where it was recorded, so the alert is closed.',
      )),
    );
  }
  return resolved;
};
