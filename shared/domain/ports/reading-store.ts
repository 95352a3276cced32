import type { Metric } from '../metric.js';
import type { Reading } from '../reading.js';

export type PutReadingOutcome = 'stored' | 'duplicate' | 'replaced';

/**
 * The time series. Sparse readings are put-if-absent on their natural key (a second put is 'duplicate').
 * Dense buckets and daily summaries are replaced whole ('replaced' when content changed, 'duplicate' when identical).
 */
export interface ReadingStore {
  put(reading: Reading): Promise<PutReadingOutcome>;
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
