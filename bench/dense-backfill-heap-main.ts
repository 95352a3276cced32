import { DynamoDbReadingStore } from '../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../shared/adapters/google-health/data-client.js';
import { syncMember } from '../shared/domain/google-health/sync-member.js';
import { InMemoryLinkStore, linkFor } from '../test/fakes/link-store.js';
import { SizedDocumentClient } from './sized-document-client.js';

export interface BackfillHeapInput {
  apiUrl: string;
  accessToken: string;
  nowMs: number;
}

export interface BackfillHeapResult {
  days: number;
  heartRateSamples: number;
  hourItems: number;
  peakHeapMb: number;
  peakRssMb: number;
  writeUnits: number;
  seconds: number;
}

/**
 * Runs a 30-day 1 Hz backfill (a chain of bounded chunks, one after another in this process, as the
 * sync-worker runs them one job at a time) and samples the heap every 20 ms. Prints one JSON line.
 */
const input = JSON.parse(process.env.BENCH_INPUT ?? '{}') as BackfillHeapInput;
const client = new GoogleHealthDataClient({
  baseUrl: input.apiUrl,
  tokens: { accessTokenFor: async () => input.accessToken, invalidate: async () => undefined },
  requestsPerMinute: 1_000_000,
  // The simulator generates each 1 Hz day on first request, which is slow on a busy machine.
  requestTimeoutMs: 600_000,
  maxBackoffPerRequestMs: 600_000,
});
const links = new InMemoryLinkStore();
links.seed(linkFor('m-bench'));
const table = new SizedDocumentClient();
const readings = new DynamoDbReadingStore(table.asDocumentClient(), 'readings', { countWriteUnits: true });

let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
};
const sampler = setInterval(sample, 20);
const started = performance.now();
await syncMember(
  { memberId: 'm-bench', reason: 'backfill', backfillDays: 30, dataTypes: ['heart-rate'] },
  { links, readings, source: client, clock: { now: () => new Date(input.nowMs) } },
);
sample();
clearInterval(sampler);
const hourItems = [...table.items.values()].filter((item) => item.pk === 'MEMBER#m-bench#heart-rate');
const result: BackfillHeapResult = {
  days: 30,
  heartRateSamples: hourItems.reduce((total, item) => total + Number(item.sampleCount ?? 0), 0),
  hourItems: hourItems.length,
  peakHeapMb: Math.round(peakHeap / 1_048_576),
  peakRssMb: Math.round(peakRss / 1_048_576),
  writeUnits: table.writeUnits,
  seconds: Math.round((performance.now() - started) / 1000),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
