import { startGoogleHealthSimulator } from '../local/google-health-simulator/simulator.js';
import { GoogleHealthDataClient } from '../shared/adapters/google-health/data-client.js';
import { GOOGLE_HEALTH_DATA_TYPES } from '../shared/domain/google-health/data-types.js';
import { syncMember } from '../shared/domain/google-health/sync-member.js';
import type { PutReadingOutcome, ReadingStore } from '../shared/domain/ports/reading-store.js';
import type { Reading } from '../shared/domain/reading.js';
import { InMemoryLinkStore, linkFor } from '../test/fakes/link-store.js';
import { InMemoryReadingStore } from '../test/fakes/reading-store.js';
import { linkUser } from '../test/integration/google-health-simulator/oauth-flow.js';
import { DAY_START, HOUR_MS, MORNING_TYPES } from './active-member-day.js';

export interface WearableFigures {
  apiCallsPerMemberDay: { webhook: number; polling15Min: number };
  /** Of the webhook-driven calls, those the worn-device check made. */
  wornCheckCallsPerMemberDay: number;
  writeUnitsPerMemberDay: { webhook: number; polling15Min: number };
  /** Sync jobs (queue messages, worker runs) in the webhook-driven member-day. */
  syncJobsPerMemberDay: number;
  /** Bytes the webhook-driven member-day adds to the readings table (items plus key overhead). */
  storedBytesPerMemberDay: number;
  /**
   * Mean time of one webhook-driven sync job run in this process against the simulator on loopback, with
   * in-memory stores: the job's own computing, without the network waits the cost model adds.
   */
  syncJobComputeMs: number;
}

/** DynamoDB bills a put (including one whose condition fails) at 1 WCU per started KB of the item. */
class WriteUnitCountingStore implements ReadingStore {
  writeUnits = 0;
  constructor(private readonly inner: InMemoryReadingStore) {}
  /** What the table holds now, as DynamoDB sizes it (roughly: JSON plus key and metadata). */
  storedBytes(): number {
    let bytes = 0;
    for (const reading of this.inner.items.values())
      bytes += Buffer.byteLength(JSON.stringify(reading)) + 120;
    return bytes;
  }
  async put(reading: Reading): Promise<PutReadingOutcome> {
    const keyAndMetadataBytes = 120;
    this.writeUnits += Math.ceil((Buffer.byteLength(JSON.stringify(reading)) + keyAndMetadataBytes) / 1024);
    return this.inner.put(reading);
  }
  listRange: ReadingStore['listRange'] = (query) => this.inner.listRange(query);
  delete = (reading: Reading) => {
    this.writeUnits += 1;
    return this.inner.delete(reading);
  };
}

/**
 * One simulated active member-day against the simulator, after the 30-day backfill, every request
 * counted, the worn-device check (reconcile over google-wearables) included.
 * Webhook-driven: the watch syncs hourly while awake, so steps are notified every hour (heart rate, which
 * has no webhooks, is synced with them) and sleep and weight once on waking (SpO2, HRV and the daily
 * summaries with sleep); the catch-up schedule queues nothing for a member heard from.
 * Polling: every type, every 15 minutes.
 */
const simulateDay = async (strategy: 'webhook' | 'polling15Min') => {
  let nowMs = DAY_START;
  const simulator = await startGoogleHealthSimulator({
    port: 0,
    clock: () => new Date(nowMs),
    accessTokenLifetimeSeconds: 60 * 86_400,
  });
  try {
    const token = await linkUser(simulator, simulator.defaultUserKey);
    const client = new GoogleHealthDataClient({
      baseUrl: simulator.urls.api,
      tokens: { accessTokenFor: async () => token.access_token, invalidate: async () => undefined },
      now: () => nowMs,
    });
    const links = new InMemoryLinkStore();
    links.seed(linkFor('m-bench'));
    const store = new WriteUnitCountingStore(new InMemoryReadingStore());
    let wornCheckCalls = 0;
    const source = {
      fetchWindow: client.fetchWindow.bind(client),
      newestWornTime: async (memberId: string, range: { startTime: string; endTime: string }) => {
        const before = client.requestCount(memberId);
        try {
          return await client.newestWornTime(memberId, range);
        } finally {
          wornCheckCalls += client.requestCount(memberId) - before;
        }
      },
    };
    const deps = { links, readings: store, source, clock: { now: () => new Date(nowMs) } };
    await syncMember({ memberId: 'm-bench', reason: 'backfill', backfillDays: 30 }, deps);
    const callsBefore = client.requestCount('m-bench');
    wornCheckCalls = 0;
    const unitsBefore = store.writeUnits;
    const bytesBefore = store.storedBytes();
    let jobs = 0;
    let jobMs = 0;
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      jobMs += performance.now() - started;
    };

    const stepMs = strategy === 'webhook' ? HOUR_MS : HOUR_MS / 4;
    for (nowMs = DAY_START + stepMs; nowMs <= DAY_START + 24 * HOUR_MS; nowMs += stepMs) {
      simulator.resetRateLimits();
      const localHour = new Date(nowMs).getUTCHours();
      if (strategy === 'polling15Min') {
        jobs += 1;
        await timed(() =>
          syncMember(
            { memberId: 'm-bench', reason: 'catch-up', dataTypes: [...GOOGLE_HEALTH_DATA_TYPES] },
            deps,
          ),
        );
      } else if (localHour === 8) {
        jobs += 1;
        await timed(() =>
          syncMember({ memberId: 'm-bench', reason: 'webhook', dataTypes: MORNING_TYPES }, deps),
        );
      } else if (localHour >= 8 && localHour <= 23) {
        jobs += 1;
        await timed(() =>
          syncMember({ memberId: 'm-bench', reason: 'webhook', dataTypes: ['heart-rate', 'steps'] }, deps),
        );
      }
    }
    return {
      calls: client.requestCount('m-bench') - callsBefore,
      wornCheckCalls,
      writeUnits: store.writeUnits - unitsBefore,
      jobs,
      storedBytes: store.storedBytes() - bytesBefore,
      jobMs: jobMs / jobs,
    };
  } finally {
    await simulator.stop();
  }
};

export const measureWearableSyncCost = async (): Promise<WearableFigures> => {
  const webhook = await simulateDay('webhook');
  const polling = await simulateDay('polling15Min');
  return {
    apiCallsPerMemberDay: { webhook: webhook.calls, polling15Min: polling.calls },
    wornCheckCallsPerMemberDay: webhook.wornCheckCalls,
    writeUnitsPerMemberDay: { webhook: webhook.writeUnits, polling15Min: polling.writeUnits },
    syncJobsPerMemberDay: webhook.jobs,
    storedBytesPerMemberDay: webhook.storedBytes,
    syncJobComputeMs: Math.round(webhook.jobMs * 10) / 10,
  };
};
