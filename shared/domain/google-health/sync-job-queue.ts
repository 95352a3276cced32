import type { QueuedSyncJob } from './notified-sync-job.js';

/** Port: the sync-jobs queue. send must deliver every job or throw. */
export interface SyncJobQueue {
  send(jobs: readonly QueuedSyncJob[]): Promise<void>;
}
