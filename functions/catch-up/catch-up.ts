import type { Logger } from '@aws-lambda-powertools/logger';
import { checkWearableSilence } from '../../shared/domain/alerts/check-wearable-silence.js';
import type { AlertPorts } from '../../shared/domain/alerts/raise-alerts.js';
import { resolveOpenAlerts } from '../../shared/domain/alerts/resolve-open-alerts.js';
import type { Clock } from '../../shared/domain/clock.js';
import { queueCatchUpSyncs } from '../../shared/domain/google-health/queue-catch-up-syncs.js';
import type { SyncJobQueue } from '../../shared/domain/google-health/sync-job-queue.js';
import type { LinkStore } from '../../shared/domain/ports/link-store.js';
import type { MemberDirectory } from '../../shared/domain/ports/member-directory.js';
import type { ThresholdStore } from '../../shared/domain/ports/threshold-store.js';
import { mergeThresholds } from '../../shared/domain/thresholds.js';

export interface CatchUpDependencies {
  links: LinkStore;
  queue: SyncJobQueue;
  clock: Clock;
  members: MemberDirectory;
  thresholds: ThresholdStore;
  alerts: AlertPorts;
  logger: Logger;
  staleAfterHours?: number;
}

/**
 * The 30-minute schedule.
 * 1. Queue a catch-up sync for every linked member not heard from for N hours.
 * 2. For every linked member (and every member whose link needs re-linking: they are not synced, but a
 *    silent wearable must still be noticed), resolve a re-link task once the link works again, and run
 *    the wearable-no-data check on lastDataAt (or linkedAt when no data has
 *    ever come): raise the staff alert after the member's wearableDays, or clear it. One member's failure
 *    is logged and does not stop the others; the run fails at the end so the schedule's retry sees it.
 */
export const runCatchUp = async (deps: CatchUpDependencies): Promise<{ queued: number; checked: number }> => {
  const { linked, queued } = await queueCatchUpSyncs(deps);
  const now = deps.clock.now();
  let failures = 0;
  for (const link of linked) {
    try {
      const member = await deps.members.getMember(link.memberId);
      const thresholds = mergeThresholds(await deps.thresholds.getOverrides(link.memberId));
      if (link.state === 'linked') {
        // Backstop for the re-link: once the link works again the staff task is done.
        await resolveOpenAlerts(
          deps.alerts,
          link.memberId,
          'link-needs-relink',
          () => true,
          ' Update: the member has re-linked their wearable, so this task is done.',
        );
      }
      await checkWearableSilence(deps.alerts, {
        subject: { memberId: link.memberId, timezone: member?.timezone ?? link.timezone, name: member?.name },
        lastDataAt: link.lastDataAt ?? link.linkedAt,
        wearableDays: thresholds.noData.wearableDays,
        now,
      });
    } catch (error) {
      failures += 1;
      deps.logger.error('no-data check failed', {
        memberId: link.memberId,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
  deps.logger.info('catch-up finished', { linked: linked.length, queued, failures });
  if (failures > 0) throw new Error(`The no-data check failed for ${failures} members`);
  return { queued, checked: linked.length };
};
