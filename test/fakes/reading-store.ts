import { readingKeyOf, sourceKeyOf } from '../../shared/adapters/dynamodb-reading-store.js';
import { readingPartitionKey } from '../../shared/adapters/table-keys.js';
import { reuploadKeyOf } from '../../shared/domain/blood-pressure/reupload-key.js';
import type { Metric } from '../../shared/domain/metric.js';
import type {
  PutReadingOptions,
  PutReadingOutcome,
  ReadingStore,
} from '../../shared/domain/ports/reading-store.js';
import { DENSE_METRICS, HOUR_BUCKET_METRICS, type Reading } from '../../shared/domain/reading.js';

const DAILY_METRICS = new Set<Metric>(['resting-heart-rate', 'daily-oxygen-saturation']);
const isReplaceable = (metric: Metric): boolean => DENSE_METRICS.has(metric) || DAILY_METRICS.has(metric);
const HOUR_MS = 3_600_000;

/**
 * The in-memory twin of DynamoDbReadingStore, on the adapter's own natural keys (readingKeyOf):
 * - sparse readings are put-if-absent ('duplicate' however late), a clock-suspect blood pressure also on
 *   its re-upload guard (device time and values);
 * - hour buckets, steps days and daily summaries are replaced whole: 'duplicate' when identical, 'stale'
 *   when the stored item came from a later fetch;
 * - ranges come back in key order, with the adapter's bounds (an interval ending at `from` is left out).
 * test/contracts/reading-store.contract.ts runs against both.
 */
export class InMemoryReadingStore implements ReadingStore {
  /** Stored readings by their key (pk|sk), for assertions. */
  readonly items = new Map<string, Reading>();
  private readonly fetchedAt = new Map<string, string>();
  private readonly guards = new Set<string>();

  /** Stores readings as if put earlier (sync, for building test ports). */
  seed(...readings: Reading[]): this {
    for (const reading of readings) {
      const { pk, sk } = readingKeyOf(reading);
      this.items.set(`${pk}|${sk}`, structuredClone(reading));
    }
    return this;
  }

  async put(reading: Reading, options: PutReadingOptions = {}): Promise<PutReadingOutcome> {
    const { pk, sk } = readingKeyOf(reading);
    const key = `${pk}|${sk}`;
    const existing = this.items.get(key);
    if (!isReplaceable(reading.metric)) {
      const reupload = reading.metric === 'blood-pressure' ? reuploadKeyOf(reading) : undefined;
      const guard = reupload === undefined ? undefined : `${pk}|${sourceKeyOf(reading)}|${reupload}`;
      if (existing !== undefined || (guard !== undefined && this.guards.has(guard))) return 'duplicate';
      if (guard !== undefined) this.guards.add(guard);
      this.items.set(key, structuredClone(reading));
      return 'stored';
    }
    if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(reading)) return 'duplicate';
    const fetchedAt = options.fetchedAt;
    const storedFetchedAt = this.fetchedAt.get(key);
    if (fetchedAt !== undefined && storedFetchedAt !== undefined && storedFetchedAt > fetchedAt)
      return 'stale';
    this.items.set(key, structuredClone(reading));
    if (fetchedAt === undefined) this.fetchedAt.delete(key);
    else this.fetchedAt.set(key, fetchedAt);
    return existing === undefined ? 'stored' : 'replaced';
  }

  async listRange(query: {
    memberId: string;
    metric: Metric;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<Reading[]> {
    const pk = readingPartitionKey(query.memberId, query.metric);
    const matches = [...this.items.entries()]
      .filter(([key]) => key.startsWith(`${pk}|`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, reading]) => reading as Reading & { endAt?: string })
      .filter((reading) => {
        if (query.from !== undefined) {
          // The adapter's key range: an hour from the hour holding `from`; a sparse reading from `from`.
          if (HOUR_BUCKET_METRICS.has(query.metric)) {
            const hour = new Date(Math.floor(Date.parse(query.from) / HOUR_MS) * HOUR_MS).toISOString();
            if (reading.measuredAt < hour) return false;
          } else if (!isReplaceable(query.metric) && reading.measuredAt < query.from) return false;
          // Intervals end exclusively: one ending at `from` does not overlap the range.
          const before =
            reading.endAt !== undefined ? reading.endAt <= query.from : reading.measuredAt < query.from;
          if (before) return false;
        }
        return query.to === undefined || reading.measuredAt <= query.to;
      });
    return structuredClone(query.limit === undefined ? matches : matches.slice(0, query.limit));
  }

  async delete(reading: Reading): Promise<boolean> {
    const { pk, sk } = readingKeyOf(reading);
    this.fetchedAt.delete(`${pk}|${sk}`);
    return this.items.delete(`${pk}|${sk}`);
  }
}
