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

/** What evaluating one reading did, as logged: keys and counts only, no names, no values. */
export interface EvaluationSummary {
  metric: string;
  episodes: readonly { outcome: string }[];
  baseline: boolean;
  averages: readonly unknown[];
  resolved: number;
  fallbacks: readonly string[];
}

/**
 * INFO when the evaluation changed or noticed something (an episode other than `unchanged`, a baseline, a
 * home average, a resolution, a fallback); DEBUG for the usual reading that crossed nothing. One line per
 * wearable reading saying "nothing happened" was the largest share of the fleet's log bytes
 * (docs/deploy.md, "Logs"); raise the function's application log level to DEBUG to see them again.
 */
export const evaluationLogLevel = (summary: EvaluationSummary): 'info' | 'debug' =>
  summary.episodes.some((episode) => episode.outcome !== 'unchanged') ||
  summary.baseline ||
  summary.averages.length > 0 ||
  summary.resolved > 0 ||
  summary.fallbacks.length > 0
    ? 'info'
    : 'debug';

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
    const summary = {
      metric: reading.metric,
      episodes: result.episodes,
      baseline: result.baseline !== undefined,
      averages: average,
      resolved: result.resolved.length,
      fallbacks: result.fallbacks,
    };
    logger[evaluationLogLevel(summary)]('reading evaluated', summary);
  };
