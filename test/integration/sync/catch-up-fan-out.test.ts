import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLinks } from '../../../local/seed-linked-members.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import { SqsSyncJobQueue } from '../../../shared/adapters/sqs-sync-job-queue.js';
import { queueCatchUpSyncs } from '../../../shared/domain/google-health/queue-catch-up-syncs.js';
import type { SyncJob } from '../../../shared/domain/sync-job.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { queueDepth, receiveAll } from '../support/queue-messages.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const STALE = '2026-11-20T01:00:00.000Z';
const FRESH = '2026-11-20T11:00:00.000Z';

let stack: IsolatedStack;

beforeAll(async () => {
  stack = await createIsolatedStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('catch-up fan-out against DynamoDB Local and the queue emulator', () => {
  it('queues exactly one job per due linked member across many directory pages', async () => {
    const due = Array.from({ length: 437 }, (_, index) => `due-${String(index).padStart(4, '0')}`);
    await seedLinks(createDocumentClient(), stack.resources.tables.directory, [
      ...due.map((memberId) => ({ memberId, state: 'linked' as const, lastHeardAt: STALE })),
      // Heard from an hour ago: not due. Needs re-link: never polled.
      ...Array.from({ length: 40 }, (_, index) => ({
        memberId: `fresh-${index}`,
        state: 'linked' as const,
        lastHeardAt: FRESH,
      })),
      ...Array.from({ length: 20 }, (_, index) => ({
        memberId: `relink-${index}`,
        state: 'needs-relink' as const,
        lastHeardAt: STALE,
      })),
    ]);
    // 40 links a page: the 477 linked members span 12 pages.
    const links = new DynamoDbLinkStore(createDocumentClient(), stack.resources.tables.directory, 40);

    const result = await queueCatchUpSyncs({
      links,
      queue: new SqsSyncJobQueue(stack.sqs, stack.resources.queues.syncJobs.url),
      clock: { now: () => NOW },
    });

    expect(result).toEqual({ linked: 477, queued: 437 });
    const messages = await receiveAll(stack.sqs, stack.resources.queues.syncJobs.url, {
      expected: 437,
      timeoutMs: 20_000,
    });
    const memberIds = messages.map((message) => (JSON.parse(message.Body ?? '') as SyncJob).memberId);
    expect(memberIds).toHaveLength(437);
    expect(new Set(memberIds).size).toBe(437);
    expect([...memberIds].sort()).toEqual(due);
    expect(await queueDepth(stack.sqs, stack.resources.queues.syncJobs.url)).toBe(0);
  });
});
