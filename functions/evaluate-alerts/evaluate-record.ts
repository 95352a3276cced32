import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  evaluateStoredReading,
  type StoredReadingPorts,
} from '../../shared/domain/alerts/evaluate-stored-reading.js';
import { readingFromStreamRecord } from './stream-record.js';

/** One stream record: parse, evaluate, raise. Throws to fail just this record (partial batch response). */
export const createRecordEvaluator =
  (ports: StoredReadingPorts, logger: Logger) =>
  async (record: DynamoDBRecord): Promise<void> => {
    const reading = readingFromStreamRecord(record);
    if (reading === undefined) {
      return;
    }
    const result = await evaluateStoredReading(ports, reading);
    // Keys and counts only: no names, no values.
    logger.info('reading evaluated', {
      metric: reading.metric,
      episodes: result.episodes,
      baseline: result.baseline !== undefined,
      resolved: result.resolved.length,
      fallbacks: result.fallbacks,
    });
  };
