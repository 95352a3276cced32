import { FUNCTION_SETTINGS } from '../infra/function-settings.js';
import { startGoogleHealthSimulator } from '../local/google-health-simulator/simulator.js';
import { DynamoDbReadingStore } from '../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../shared/adapters/google-health/data-client.js';
import { syncMember } from '../shared/domain/google-health/sync-member.js';
import { InMemoryLinkStore, linkFor } from '../test/fakes/link-store.js';
import { linkUser } from '../test/integration/google-health-simulator/oauth-flow.js';
import { DAY_START, HOUR_MS, MORNING_TYPES } from './active-member-day.js';
import type { BackfillHeapInput, BackfillHeapResult } from './dense-backfill-heap-main.js';
import { inFreshProcess } from './in-fresh-process.js';
import { SizedDocumentClient } from './sized-document-client.js';

export interface DenseHeartRateFigures {
  /** DynamoDB write units for one active member-day at 1 Hz, webhook cadence (store's ConsumedCapacity). */
  writeUnitsPerMemberDay1Hz: number;
  /** Puts that reached DynamoDB that day, and hour items compared but left alone. */
  putsPerMemberDay1Hz: number;
  /** Largest encoded hour item seen (bytes). */
  largestItemBytes: number;
  backfill: BackfillHeapResult;
}

/**
 * One active member-day with heart rate every second, webhook-driven (as wearable-sync-cost.ts): heart
 * rate and steps notified every hour from 08:00 to 23:00, the night's data once on waking. The readings
 * store is the real DynamoDbReadingStore over an in-memory table that bills puts as DynamoDB does.
 */
const oneHertzDay = async () => {
  let nowMs = DAY_START;
  const simulator = await startGoogleHealthSimulator({
    port: 0,
    clock: () => new Date(nowMs),
    accessTokenLifetimeSeconds: 60 * 86_400,
    rateLimitPerMinute: 100_000,
  });
  try {
    simulator.createUser({
      userKey: 'one-hertz',
      dataStartDate: '2026-11-17',
      profile: { heartRateIntervalSeconds: 1 },
    });
    const token = await linkUser(simulator, 'one-hertz');
    const client = new GoogleHealthDataClient({
      baseUrl: simulator.urls.api,
      tokens: { accessTokenFor: async () => token.access_token, invalidate: async () => undefined },
      now: () => nowMs,
      requestsPerMinute: 100_000,
      requestTimeoutMs: 600_000,
    });
    const links = new InMemoryLinkStore();
    links.seed(linkFor('m-bench'));
    const table = new SizedDocumentClient();
    const readings = new DynamoDbReadingStore(table.asDocumentClient(), 'readings', {
      countWriteUnits: true,
    });
    const deps = { links, readings, source: client, clock: { now: () => new Date(nowMs) } };
    await syncMember({ memberId: 'm-bench', reason: 'backfill', backfillDays: 1 }, deps);
    const unitsBefore = table.writeUnits;
    const putsBefore = table.puts;
    for (nowMs = DAY_START + HOUR_MS; nowMs <= DAY_START + 24 * HOUR_MS; nowMs += HOUR_MS) {
      const hour = new Date(nowMs).getUTCHours();
      if (hour === 8) {
        await syncMember({ memberId: 'm-bench', reason: 'webhook', dataTypes: MORNING_TYPES }, deps);
      }
      if (hour >= 8 || hour === 0) {
        await syncMember(
          { memberId: 'm-bench', reason: 'webhook', dataTypes: ['heart-rate', 'steps'] },
          deps,
        );
      }
    }
    const largestItemBytes = Math.max(
      ...[...table.items.values()].map((item) =>
        item.encodedSamples instanceof Uint8Array ? item.encodedSamples.byteLength : 0,
      ),
    );
    return {
      writeUnits: table.writeUnits - unitsBefore,
      puts: table.puts - putsBefore,
      largestItemBytes,
    };
  } finally {
    await simulator.stop();
  }
};

/**
 * Peak heap of a 30-day backfill at 1 Hz (2.6 M heart-rate samples), measured in a fresh Node process
 * that runs only the sync (the simulator serves it from this process), with the sync worker's heap cap.
 * Its RSS also holds the bench's in-memory table, which a Lambda container does not.
 */
const backfillHeap = async (): Promise<BackfillHeapResult> => {
  const nowMs = Date.parse('2026-11-20T12:00:00Z');
  const simulator = await startGoogleHealthSimulator({
    port: 0,
    clock: () => new Date(nowMs),
    accessTokenLifetimeSeconds: 60 * 86_400,
    rateLimitPerMinute: 1_000_000,
  });
  try {
    simulator.createUser({
      userKey: 'one-hertz',
      dataStartDate: '2026-10-20',
      profile: { heartRateIntervalSeconds: 1 },
    });
    const token = await linkUser(simulator, 'one-hertz');
    const input: BackfillHeapInput = { apiUrl: simulator.urls.api, accessToken: token.access_token, nowMs };
    // Under the heap cap the sync worker is deployed with, so the figure says whether it fits its memory.
    return await inFreshProcess<BackfillHeapResult>('bench/dense-backfill-heap-main.ts', {
      BENCH_INPUT: JSON.stringify(input),
      NODE_OPTIONS: `--max-old-space-size=${FUNCTION_SETTINGS['sync-worker'].maxOldSpaceMb}`,
    });
  } finally {
    await simulator.stop();
  }
};

export const measureDenseHeartRate = async (
  progress: (text: string) => void = () => undefined,
): Promise<DenseHeartRateFigures> => {
  progress('  a member-day at 1 Hz, webhook cadence…');
  const day = await oneHertzDay();
  progress(`  ${day.writeUnits} write units, ${day.puts} puts, largest hour ${day.largestItemBytes} bytes`);
  progress('  a 30-day backfill at 1 Hz in a fresh process (several minutes)…');
  const backfill = await backfillHeap();
  return {
    writeUnitsPerMemberDay1Hz: day.writeUnits,
    putsPerMemberDay1Hz: day.puts,
    largestItemBytes: day.largestItemBytes,
    backfill,
  };
};
