import type { Clock } from '../clock.js';
import type { LinkStore } from '../ports/link-store.js';
import type { SyncJob } from '../sync-job.js';
import { type GoogleHealthDataType, isGoogleHealthDataType } from './data-types.js';
import type { SyncJobQueue } from './sync-job-queue.js';
import type { WebhookNotification } from './webhook-notification.js';

export interface QueueNotifiedSyncsResult {
  queued: number;
  unknownUsers: number;
  /** Notifications for data types this project does not sync. */
  ignored: number;
}

interface MemberChanges {
  dataTypes: Set<GoogleHealthDataType>;
  changedSince: Partial<Record<GoogleHealthDataType, string>>;
}

/**
 * Turns one webhook delivery into sync jobs.
 *
 * 1. Group notifications by healthUserId, keeping the data types we sync and the earliest changed time
 *    per type (so one delivery with many notifications makes one job per member).
 * 2. Look each account up; an unknown one is acknowledged and dropped (nothing to sync, nothing logged
 *    about it beyond a count).
 * 3. Send one 'webhook' job per member, then record the notification time on the link (which the
 *    catch-up schedule reads). Sending first means a crash here leaves at worst an extra catch-up sync.
 */
export const queueNotifiedSyncs = async (
  notifications: readonly WebhookNotification[],
  deps: { links: LinkStore; queue: SyncJobQueue; clock: Clock },
): Promise<QueueNotifiedSyncsResult> => {
  const byUser = new Map<string, MemberChanges>();
  let ignored = 0;
  for (const { data } of notifications) {
    if (!isGoogleHealthDataType(data.dataType)) {
      ignored += 1;
      continue;
    }
    const changes = byUser.get(data.healthUserId) ?? { dataTypes: new Set(), changedSince: {} };
    changes.dataTypes.add(data.dataType);
    for (const interval of data.intervals ?? []) {
      const start = interval.physicalTimeInterval?.startTime;
      const current = changes.changedSince[data.dataType];
      if (start !== undefined && (current === undefined || Date.parse(start) < Date.parse(current))) {
        changes.changedSince[data.dataType] = new Date(start).toISOString();
      }
    }
    byUser.set(data.healthUserId, changes);
  }

  const jobs: SyncJob[] = [];
  let unknownUsers = 0;
  for (const [healthUserId, changes] of byUser) {
    const memberId = await deps.links.findMemberByHealthUserId(healthUserId);
    if (memberId === undefined) {
      unknownUsers += 1;
      continue;
    }
    jobs.push({
      memberId,
      reason: 'webhook',
      dataTypes: [...changes.dataTypes].sort(),
      ...(Object.keys(changes.changedSince).length === 0 ? {} : { changedSince: changes.changedSince }),
    });
  }
  if (jobs.length > 0) await deps.queue.send(jobs);
  const at = deps.clock.now().toISOString();
  await Promise.all(jobs.map((job) => deps.links.recordNotification(job.memberId, at)));
  return { queued: jobs.length, unknownUsers, ignored };
};
