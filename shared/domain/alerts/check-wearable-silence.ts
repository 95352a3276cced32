import type { AlertPorts, RaiseOutcome } from './raise-alerts.js';
import { raiseAlerts } from './raise-alerts.js';
import { resolveOpenAlerts } from './resolve-open-alerts.js';
import { evaluateNoData, type NoDataInput } from './wearable-no-data.js';

/**
 * The catch-up schedule's no-data check for one linked member.
 *
 * 1. evaluateNoData decides raise or clear from the last data time.
 * 2. raise: raiseAlerts (idempotent: the episode is the last-seen time, so running every 30 minutes
 *    keeps one alert per silence).
 * 3. clear: resolveOpenAlerts for wearable-no-data (normally already done by evaluate-alerts when the
 *    data arrived; this is the backstop).
 */
export const checkWearableSilence = async (
  ports: AlertPorts,
  input: NoDataInput,
): Promise<{ raised: RaiseOutcome[]; resolved: string[] }> => {
  const decision = evaluateNoData(input);
  if (decision.action === 'raise') {
    return { raised: await raiseAlerts(ports, [decision.alert]), resolved: [] };
  }
  return {
    raised: [],
    resolved: await resolveOpenAlerts(
      ports,
      input.subject.memberId,
      'wearable-no-data',
      () => true,
      ' Update: wearable data is arriving again, so this alert is closed.',
    ),
  };
};
