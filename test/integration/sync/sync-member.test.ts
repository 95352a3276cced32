import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../../../shared/adapters/google-health/data-client.js';
import { GoogleHealthApiError } from '../../../shared/adapters/google-health/data-client-errors.js';
import { type SyncMemberDependencies, syncMember } from '../../../shared/domain/google-health/sync-member.js';
import type { AccessTokenProvider } from '../../../shared/domain/ports/access-token-provider.js';
import { InMemoryLinkStore, linkFor } from '../../fakes/link-store.js';
import { linkUser } from '../google-health-simulator/oauth-flow.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

const NOW = new Date('2026-11-20T12:00:00Z');
/** maxReceiveCount of the sync-jobs queue: how many times SQS would hand the job to a worker. */
const MAX_RECEIVES = 5;

let stack: IsolatedStack;
let simulator: GoogleHealthSimulator;
const accessTokens = new Map<string, string>();
const tokens: AccessTokenProvider = {
  accessTokenFor: async (memberId) => accessTokens.get(memberId) ?? '',
  invalidate: async () => {},
};

beforeAll(async () => {
  stack = await createIsolatedStack();
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 77, clock: () => NOW });
});

afterAll(async () => {
  await simulator?.stop();
  await stack?.stop();
});

/** A simulated Google user linked to one or more members (all sharing its token). */
const linkMembers = async (userKey: string, memberIds: string[], links: InMemoryLinkStore) => {
  const user = simulator.createUser({ userKey, timezone: 'Europe/London', dataStartDate: '2026-11-10' });
  const { access_token } = await linkUser(simulator, userKey);
  for (const memberId of memberIds) {
    accessTokens.set(memberId, access_token);
    links.seed(linkFor(memberId, { healthUserId: user.healthUserId, timezone: user.timezone }));
  }
};

/** Every readings item of a member (the whole table is scanned, page by page: day buckets are large). */
const itemsOf = async (memberId: string) => {
  const items: Array<Record<string, unknown>> = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await createDocumentClient().send(
      new ScanCommand({
        TableName: stack.resources.tables.readings,
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items
    .filter((item) => String(item.pk).startsWith(`MEMBER#${memberId}#`))
    .sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
};

const dependencies = (links: InMemoryLinkStore, client: GoogleHealthDataClient): SyncMemberDependencies => ({
  links,
  readings: new DynamoDbReadingStore(createDocumentClient(), stack.resources.tables.readings),
  source: client,
  clock: { now: () => NOW },
});

describe('syncMember against the simulator and DynamoDB Local', () => {
  it('backfills across many pages, and a second run of the same job writes nothing new', async () => {
    const links = new InMemoryLinkStore();
    await linkMembers('user-pages', ['member-pages'], links);
    const pageRequests: string[] = [];
    const client = new GoogleHealthDataClient({
      baseUrl: simulator.urls.api,
      tokens,
      maxPageSize: 200,
      fetch: (input, init) => {
        const url = new URL(String(input));
        if (url.searchParams.has('pageToken')) pageRequests.push(url.pathname);
        return fetch(input, init);
      },
    });
    // Upstream data starts 10 November: a 30-day backfill would spend chunks on empty days.
    const job = { memberId: 'member-pages', reason: 'backfill' as const, backfillDays: 11 };

    const first = await syncMember(job, dependencies(links, client));
    const afterFirst = await itemsOf('member-pages');
    const second = await syncMember(job, dependencies(links, client));

    // Each bounded day of heart rate (about 300 points) takes two pages of 200.
    expect(pageRequests.filter((path) => path.includes('/heart-rate/')).length).toBeGreaterThanOrEqual(10);
    // Chunks overlap by two hours, so a few hours are read twice: identical, so not written again.
    expect(first).toMatchObject({ status: 'synced', outcomes: { replaced: 0, stale: 0 } });
    expect(first.status === 'synced' && first.outcomes.stored).toBe(afterFirst.length);
    const heartRateHours = afterFirst.filter((item) => item.pk === 'MEMBER#member-pages#heart-rate');
    // 10 November 00:00 to 20 November 12:00 UTC, one item per hour.
    expect(heartRateHours).toHaveLength(10 * 24 + 12);
    expect(heartRateHours[0]?.sk).toBe('HOUR#2026-11-10T00:00:00.000Z');
    expect(heartRateHours.at(-1)?.sk).toBe('HOUR#2026-11-20T11:00:00.000Z');
    expect(afterFirst.filter((item) => item.pk === 'MEMBER#member-pages#sleep').length).toBeGreaterThan(5);
    expect(second).toMatchObject({ status: 'synced', outcomes: { stored: 0, replaced: 0 } });
    expect(await itemsOf('member-pages')).toEqual(afterFirst);
    expect((await links.get('member-pages'))?.lastDataAt).toBeDefined();
  }, 90_000);

  it('loses nothing in a 429 and 503 storm once it passes, honouring Retry-After', async () => {
    const links = new InMemoryLinkStore();
    await linkMembers('user-storm', ['member-reference', 'member-storm'], links);
    const calm = new GoogleHealthDataClient({ baseUrl: simulator.urls.api, tokens, maxPageSize: 500 });
    await syncMember(
      { memberId: 'member-reference', reason: 'backfill', backfillDays: 11 },
      dependencies(links, calm),
    );

    simulator.resetRequestLog();
    simulator.injectFaults({ status: 503, count: 4, userKey: 'user-storm', retryAfterSeconds: 1 });
    simulator.injectFaults({ status: 429, count: 12, userKey: 'user-storm', retryAfterSeconds: 2 });
    const sleeps: number[] = [];
    const stormy = new GoogleHealthDataClient({
      baseUrl: simulator.urls.api,
      tokens,
      maxPageSize: 500,
      sleep: async (ms) => void sleeps.push(ms),
    });
    let receives = 0;
    let result: Awaited<ReturnType<typeof syncMember>> | undefined;
    while (result === undefined && receives < MAX_RECEIVES) {
      receives += 1;
      try {
        result = await syncMember(
          { memberId: 'member-storm', reason: 'backfill', backfillDays: 11 },
          dependencies(links, stormy),
        );
      } catch (error) {
        if (!(error instanceof GoogleHealthApiError)) throw error;
      }
    }

    expect(result?.status).toBe('synced');
    expect(receives).toBeGreaterThan(1);
    expect(simulator.requestLog().byStatus).toMatchObject({ '429': 12, '503': 4 });
    expect(sleeps.filter((ms) => ms >= 2_000).length).toBeGreaterThanOrEqual(8);
    // Same upstream account, so the same readings: only the member id and write time may differ.
    const asReference = (items: Awaited<ReturnType<typeof itemsOf>>) =>
      items.map(({ pk, memberId: _memberId, contentHash: _hash, storedAt: _storedAt, ...reading }) => ({
        metric: String(pk).replace(/^MEMBER#[^#]+#/, ''),
        ...reading,
      }));
    expect(asReference(await itemsOf('member-storm'))).toEqual(
      asReference(await itemsOf('member-reference')),
    );
  }, 90_000);
});
