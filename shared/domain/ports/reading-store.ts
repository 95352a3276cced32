import type { Metric } from '../metric.js';
import type { Reading } from '../reading.js';

/** 'stale': not written, because the stored item came from a later fetch than this one. */
export type PutReadingOutcome = 'stored' | 'duplicate' | 'replaced' | 'stale';

export interface PutReadingOptions {
  /**
   * When the data was fetched upstream (UTC ISO). A replaceable item written from a later fetch is never
   * overwritten by one from an earlier fetch, so two jobs for one member cannot undo each other.
   */
  fetchedAt?: string;
}

/**
 * The time series. Sparse readings are put-if-absent on their natural key (a second put is 'duplicate').
 * Dense buckets and daily summaries are replaced whole ('replaced' when content changed, 'duplicate' when
 * identical, which costs no write).
 */
export interface ReadingStore {
  put(reading: Reading, options?: PutReadingOptions): Promise<PutReadingOutcome>;
  listRange(query: {
    memberId: string;
    metric: Metric;
    from?: string;
    to?: string;
    limit?: number;
  }): Promise<Reading[]>;
  /** Removes a stored reading (by its natural key). True when there was one to remove. */
  delete(reading: Reading): Promise<boolean>;
}
