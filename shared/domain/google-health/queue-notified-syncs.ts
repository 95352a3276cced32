import { type GoogleHealthDataType, isGoogleHealthDataType } from './data-types.js';
import type { NotifiedSyncJob } from './notified-sync-job.js';
import type { SyncJobQueue } from './sync-job-queue.js';
import { earliestChangeOf, type WebhookNotification } from './webhook-notification.js';

/**
 * Only altitude, distance, floors, sleep, steps and weight support webhooks (data_subscription_service
 * .proto), so the types that never notify are synced alongside the one that does when a tracker syncs:
 * heart rate with steps (the daytime sync), the night's SpO2, HRV and daily summaries with sleep (the
 * morning one). A weight notification brings only weight: it is often typed into the app.
 */
export const SYNCED_WITH_NOTIFIED_TYPE: Partial<
  Record<GoogleHealthDataType, readonly GoogleHealthDataType[]>
> = {
  steps: ['heart-rate'],
  sleep: [
    'oxygen-saturation',
    'heart-rate-variability',
    'daily-resting-heart-rate',
    'daily-oxygen-saturation',
  ],
};

export interface QueueNotifiedSyncsResult {
  queued: number;
  /** Notifications for data types this project does not sync. */
  ignored: number;
}

interface AccountChanges {
  dataTypes: Set<GoogleHealthDataType>;
  changedSince: Partial<Record<GoogleHealthDataType, number>>;
}

/**
 * Turns one webhook delivery into sync jobs, with no reads at all so Google gets its answer at once.
 *
 * 1. Group notifications by healthUserId, keeping the data types we sync (plus those that have no
 *    webhooks of their own, see SYNCED_WITH_NOTIFIED_TYPE) and the earliest changed time per type (so one delivery of many notifications makes one job per account). UPSERT and DELETE are
 *    treated alike: either way the window is re-read, and what is gone upstream is removed here.
 * 2. Send one 'webhook' job per account; the worker finds the member (or drops an unknown account).
 */
export const queueNotifiedSyncs = async (
  notifications: readonly WebhookNotification[],
  deps: { queue: SyncJobQueue },
): Promise<QueueNotifiedSyncsResult> => {
  const byAccount = new Map<string, AccountChanges>();
  let ignored = 0;
  for (const { data } of notifications) {
    if (!isGoogleHealthDataType(data.dataType)) {
      ignored += 1;
      continue;
    }
    const changes = byAccount.get(data.healthUserId) ?? { dataTypes: new Set(), changedSince: {} };
    changes.dataTypes.add(data.dataType);
    for (const companion of SYNCED_WITH_NOTIFIED_TYPE[data.dataType] ?? []) changes.dataTypes.add(companion);
    for (const interval of data.intervals ?? []) {
      const start = earliestChangeOf(interval);
      const current = changes.changedSince[data.dataType];
      if (start !== undefined && (current === undefined || start < current)) {
        changes.changedSince[data.dataType] = start;
      }
    }
    byAccount.set(data.healthUserId, changes);
  }

  const jobs: NotifiedSyncJob[] = [...byAccount].map(([healthUserId, changes]) => {
    const changedSince = Object.fromEntries(
      Object.entries(changes.changedSince).map(([type, ms]) => [type, new Date(ms).toISOString()]),
    );
    return {
      reason: 'webhook',
      healthUserId,
      dataTypes: [...changes.dataTypes].sort(),
      ...(Object.keys(changedSince).length === 0 ? {} : { changedSince }),
    };
  });
  if (jobs.length > 0) await deps.queue.send(jobs);
  return { queued: jobs.length, ignored };
};
