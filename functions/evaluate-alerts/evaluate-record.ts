import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  evaluateStoredReading,
  type StoredReadingPorts,
} from '../../shared/domain/alerts/evaluate-stored-reading.js';
import { resolveAlertsOfRemovedReading } from '../../shared/domain/alerts/resolve-alerts-of-removed-reading.js';
import { readingFromStreamRecord, removedReadingFromStreamRecord } from './stream-record.js';

/**
 * One stream record: parse, evaluate, raise; or, for a deleted reading, resolve the alerts that rested on
 * it alone. Throws to fail just this record (partial batch response).
 */
export const createRecordEvaluator =
  (ports: StoredReadingPorts, logger: Logger) =>
  async (record: DynamoDBRecord): Promise<void> => {
    const removed = removedReadingFromStreamRecord(record);
    if (removed !== undefined) {
      const resolved = await resolveAlertsOfRemovedReading(ports, removed);
      logger.info('reading removed', { metric: removed.metric, resolved: resolved.length });
      return;
    }
    const reading = readingFromStreamRecord(record);
    if (reading === undefined) {
      return;
    }
    const result = await evaluateStoredReading(ports, reading);
    // Keys and counts only: no names, no values.
    logger.info('reading evaluated', {
      metric: reading.metric,
      raised: result.raised,
      resolved: result.resolved.length,
      fallbacks: result.fallbacks,
    });
  };
