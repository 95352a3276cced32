import type { Clock } from '../clock.js';
import type { LinkStore } from '../ports/link-store.js';
import type { SyncJob } from '../sync-job.js';
import type { WearableLink } from '../wearable-link.js';
import type { SyncJobQueue } from './sync-job-queue.js';

/** A member heard from (by webhook or sync) more recently than this is not polled. */
export const DEFAULT_CATCH_UP_AFTER_HOURS = 6;

const lastHeardOf = (link: WearableLink): number =>
  Math.max(
    ...[link.lastNotificationAt, link.lastSyncAt, link.linkedAt]
      .filter((at): at is string => at !== undefined)
      .map((at) => Date.parse(at)),
  );

/**
 * The safety net under webhooks: queue a 'catch-up' sync for every linked member with no notification
 * or sync for N hours (a missed delivery, a subscriber misconfiguration). Returns the links it read, so
 * the caller can run the no-data check over the same list.
 */
export const queueCatchUpSyncs = async (deps: {
  links: LinkStore;
  queue: SyncJobQueue;
  clock: Clock;
  staleAfterHours?: number;
}): Promise<{ linked: WearableLink[]; queued: number }> => {
  const linked = await deps.links.listLinked();
  const cutoff =
    deps.clock.now().getTime() - (deps.staleAfterHours ?? DEFAULT_CATCH_UP_AFTER_HOURS) * 3_600_000;
  const jobs: SyncJob[] = linked
    .filter((link) => link.state === 'linked' && lastHeardOf(link) < cutoff)
    .map((link) => ({ memberId: link.memberId, reason: 'catch-up' }));
  if (jobs.length > 0) await deps.queue.send(jobs);
  return { linked, queued: jobs.length };
};
