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
 * or sync for N hours (a missed delivery, a subscriber misconfiguration).
 * 1. Read the linked members a page at a time (never the whole directory in memory).
 * 2. Send each page's due jobs before reading the next page (the queue batches and retries them).
 * Returns how many links it read and how many jobs it queued.
 */
export const queueCatchUpSyncs = async (deps: {
  links: LinkStore;
  queue: SyncJobQueue;
  clock: Clock;
  staleAfterHours?: number;
}): Promise<{ linked: number; queued: number }> => {
  const cutoff =
    deps.clock.now().getTime() - (deps.staleAfterHours ?? DEFAULT_CATCH_UP_AFTER_HOURS) * 3_600_000;
  let linked = 0;
  let queued = 0;
  for await (const page of deps.links.linkedPages()) {
    const jobs: SyncJob[] = page
      .filter((link) => link.state === 'linked' && lastHeardOf(link) < cutoff)
      .map((link) => ({ memberId: link.memberId, reason: 'catch-up' }));
    if (jobs.length > 0) await deps.queue.send(jobs);
    linked += page.length;
    queued += jobs.length;
  }
  return { linked, queued };
};
