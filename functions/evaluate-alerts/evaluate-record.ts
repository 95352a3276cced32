import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  evaluateHomeAverage,
  type HomeAveragePorts,
} from '../../shared/domain/alerts/evaluate-home-average.js';
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
  (ports: StoredReadingPorts & Partial<Pick<HomeAveragePorts, 'readings'>>, logger: Logger) =>
  async (record: DynamoDBRecord): Promise<void> => {
    const removed = removedReadingFromStreamRecord(record);
    if (removed !== undefined) {
      // An erasure deletes readings too: their removal must not send "closed" notices about the member.
      const member = await ports.members.getMember(removed.memberId);
      if (member === undefined || member.erasureRequestedAt !== undefined) {
        logger.info('reading removed; the member has left', { metric: removed.metric });
        return;
      }
      const resolved = await resolveAlertsOfRemovedReading(ports, removed);
      logger.info('reading removed', { metric: removed.metric, resolved: resolved.length });
      return;
    }
    const reading = readingFromStreamRecord(record);
    if (reading === undefined) {
      return;
    }
    const result = await evaluateStoredReading(ports, reading);
    if (result.memberLeft === true) {
      logger.info('reading not evaluated; the member has left', { metric: reading.metric });
      return;
    }
    // NICE NG136 home average of the reading's week (bp-average-stage2); see docs/clinical-safety.md.
    // Not for a baseline reading: a monitor's old memory gives one baseline summary, nothing else.
    const average =
      reading.metric === 'blood-pressure' && !result.baselineReading && ports.readings !== undefined
        ? await evaluateHomeAverage({ ...ports, readings: ports.readings }, reading)
        : [];
    // Keys and counts only: no names, no values.
    logger.info('reading evaluated', {
      metric: reading.metric,
      episodes: result.episodes,
      baseline: result.baseline !== undefined,
      averages: average,
      resolved: result.resolved.length,
      fallbacks: result.fallbacks,
    });
  };
