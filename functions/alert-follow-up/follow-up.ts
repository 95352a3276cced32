import type { Logger } from '@aws-lambda-powertools/logger';
import type { AlertPolicy } from '../../shared/domain/alerts/alert-policy.js';
import {
  type BpSilencePorts,
  checkBloodPressureSilence,
} from '../../shared/domain/alerts/check-blood-pressure-silence.js';
import { followUpAlerts } from '../../shared/domain/alerts/follow-up-alerts.js';

export interface FollowUpDependencies extends BpSilencePorts {
  policy: AlertPolicy;
  logger: Logger;
}

/**
 * The follow-up schedule (every 5 minutes in AWS, every minute locally):
 * 1. followUpAlerts: reminders for unacknowledged open alerts, held baseline summaries, interrupted sends.
 * 2. checkBloodPressureSilence: bp-no-readings for members whose monitor has gone quiet.
 * Fails at the end if anything failed, so the schedule's retry and failure queue see it.
 */
export const runFollowUp = async (deps: FollowUpDependencies) => {
  const alerts = await followUpAlerts(deps, deps.policy, (alertKey, error) =>
    deps.logger.error('alert follow-up failed', {
      alertKey,
      errorName: error instanceof Error ? error.name : 'unknown',
    }),
  );
  const bpNoReadings = await checkBloodPressureSilence(deps);
  deps.logger.info('alert follow-up finished', { ...alerts, bpNoReadingsRaised: bpNoReadings.length });
  if (alerts.failures > 0) throw new Error(`The follow-up failed for ${alerts.failures} alerts`);
  return { ...alerts, bpNoReadingsRaised: bpNoReadings.length };
};
