import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createCliContext } from '../cli/cli-context.js';
import { followInvitationLikeAPhone } from '../local/demo-wearable.js';
import { startGoogleHealthSimulator } from '../local/google-health-simulator/simulator.js';
import { startLocalStack } from '../local/local-stack.js';
import { sqsClientFor } from '../local/resources.js';
import { simulatedGoogleEnvironment } from '../local/simulated-google-environment.js';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkStore } from '../shared/adapters/dynamodb-link-store.js';
import { createInvitation } from '../shared/domain/link/create-invitation.js';
import { enrolMember } from '../shared/domain/members/enrol-member.js';
import { ENV, requireEnv } from '../shared/runtime/environment.js';

export interface SyncThroughput {
  members: number;
  /** Routine catch-up syncs through the queue and sync-worker, per minute. */
  membersSyncedPerMinute: number;
  /** 30-day backfills after linking, per minute. */
  backfillsPerMinute: number;
}

const waitUntilAll = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Syncs did not finish in time');
    await sleep(100);
  }
};

/**
 * Members synced per minute by the local stack: link N simulated members through the real link pages
 * (each link queues a 30-day backfill), then queue one catch-up job per member and time the sync-worker
 * (SQS batches of 10, records processed in parallel) until every link records its sync.
 */
export const measureMembersSyncedPerMinute = async (members = 20): Promise<SyncThroughput> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const simulator = await startGoogleHealthSimulator({ port: 0 });
  const stack = await startLocalStack({
    prefix: 'bench-sync',
    catchUpIntervalMs: false,
    log: () => undefined,
    environment: simulatedGoogleEnvironment(simulator).environment,
  });
  try {
    const context = createCliContext();
    const links = new DynamoDbLinkStore(createDocumentClient(), requireEnv(ENV.directoryTable));
    const memberIds: string[] = [];
    const linkingStarted = performance.now();
    for (let index = 0; index < members; index += 1) {
      const member = await enrolMember({ name: `Sync ${index}`, timezone: 'Europe/London' }, context);
      simulator.createUser({ userKey: `bench-${index}` });
      simulator.setNextConsent('approve', `bench-${index}`);
      const invitation = await createInvitation(member.memberId, {
        ...context,
        invitations: new DynamoDbInvitationStore(createDocumentClient(), requireEnv(ENV.directoryTable)),
        publicBaseUrl: requireEnv(ENV.publicBaseUrl),
      });
      if (!(await followInvitationLikeAPhone(invitation.url)).ok) throw new Error('Linking failed');
      memberIds.push(member.memberId);
    }
    const allSyncedSince = async (since: string) =>
      (await Promise.all(memberIds.map((id) => links.get(id)))).every(
        (link) => link?.lastSyncAt !== undefined && link.lastSyncAt > since,
      );
    await waitUntilAll(() => allSyncedSince(''), 60_000);
    const backfillMs = performance.now() - linkingStarted;

    const catchUpStarted = new Date().toISOString();
    const started = performance.now();
    const sqs = sqsClientFor(stack.endpoints);
    for (let start = 0; start < memberIds.length; start += 10) {
      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: stack.resources.queues.syncJobs.url,
          Entries: memberIds.slice(start, start + 10).map((memberId, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify({ memberId, reason: 'catch-up' }),
          })),
        }),
      );
      if ((sent.Failed ?? []).length > 0)
        throw new Error(`Could not queue sync jobs: ${JSON.stringify(sent.Failed)}`);
    }
    await waitUntilAll(() => allSyncedSince(catchUpStarted), 60_000);
    const catchUpMs = performance.now() - started;
    return {
      members,
      membersSyncedPerMinute: Math.round((members / catchUpMs) * 60_000),
      backfillsPerMinute: Math.round((members / backfillMs) * 60_000),
    };
  } finally {
    await stack.stop();
    await simulator.stop();
  }
};
