import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { GoogleHealthAccountNotLinkedError } from '../../shared/adapters/google-health/data-client-errors.js';
import { googleCallTally } from '../../shared/adapters/metered-ports.js';
import {
  isNotifiedSyncJob,
  type QueuedSyncJob,
  queuedSyncJobSchema,
} from '../../shared/domain/google-health/notified-sync-job.js';
import { type SyncMemberDependencies, syncMember } from '../../shared/domain/google-health/sync-member.js';
import { LinkNotActiveError } from '../../shared/domain/link/refreshing-access-token-provider.js';
import { LinkNeedsRelinkError } from '../../shared/domain/ports/access-token-provider.js';
import type { SyncJob } from '../../shared/domain/sync-job.js';
import { METRIC, type SyncOutcome } from '../../shared/runtime/metric-catalogue.js';
import { recordCounts } from '../../shared/runtime/metrics.js';

const countSync = (outcome: SyncOutcome) => recordCounts({ outcome }, { [METRIC.syncs]: 1 });

/**
 * A webhook job names a Google account: find its member and record the notification (which the catch-up
 * schedule reads). Undefined for an account no member is linked to; that is acknowledged, not retried.
 */
const memberJobOf = async (
  job: QueuedSyncJob,
  deps: SyncMemberDependencies,
): Promise<SyncJob | undefined> => {
  if (!isNotifiedSyncJob(job)) return job;
  const memberId = await deps.links.findMemberByHealthUserId(job.healthUserId);
  if (memberId === undefined) return undefined;
  await deps.links.recordNotification(memberId, deps.clock.now().toISOString());
  const { healthUserId: _account, ...rest } = job;
  return { ...rest, memberId };
};

/**
 * Handles one sync-jobs message. A job that cannot succeed by retrying is acknowledged:
 * - LinkNeedsRelinkError: the token provider already marked the link and raised the staff alert;
 * - LinkNotActiveError: the member unlinked after the job was queued;
 * - GoogleHealthAccountNotLinkedError: no Google Health profile yet; the next sync will try again.
 * Anything else (429/5xx exhaustion, DynamoDB errors, a malformed body) is thrown, so the message is
 * reported as a batch item failure, retried, and after maxReceiveCount lands in the DLQ.
 */
export const createSyncRecordHandler =
  (deps: SyncMemberDependencies, logger: Logger) =>
  async (record: SQSRecord): Promise<void> => {
    const queued = queuedSyncJobSchema.parse(JSON.parse(record.body));
    const job = await memberJobOf(queued, deps);
    if (job === undefined) {
      logger.info('notification for a Google account no member is linked to; dropped', { reason: 'webhook' });
      return;
    }
    try {
      const result = await syncMember(job, deps);
      logger.info('sync finished', { memberId: job.memberId, reason: job.reason, ...result });
      countSync(result.status);
    } catch (error) {
      if (
        error instanceof LinkNeedsRelinkError ||
        error instanceof LinkNotActiveError ||
        error instanceof GoogleHealthAccountNotLinkedError
      ) {
        logger.warn('sync abandoned', { memberId: job.memberId, reason: job.reason, errorName: error.name });
        countSync('abandoned');
        return;
      }
      // Name only: messages from upstream can echo request details.
      logger.error('sync failed; the job will be retried', {
        memberId: job.memberId,
        reason: job.reason,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      countSync('failed');
      throw error;
    } finally {
      // The job's Google requests: one GoogleCalls line per outcome (shared/adapters/metered-ports.ts).
      googleCallTally.flush();
    }
  };
