import type { Metric } from '../metric.js';
import { evaluateStoredReading, type StoredReadingPorts } from './evaluate-stored-reading.js';
import type { ReadingFacts } from './reading-facts.js';

/** The metrics the reading rules look at. */
export const ALERTING_METRICS: readonly Metric[] = [
  'blood-pressure',
  'resting-heart-rate',
  'daily-oxygen-saturation',
];

export interface ReevaluateResult {
  memberId: string;
  from: string;
  to: string;
  readings: number;
  /** What the episodes did: raised, escalated, resolved... ('unchanged' for readings already counted). */
  outcomes: Record<string, number>;
  baselineReadings: number;
}

/**
 * Recovery tool (`alerts reevaluate`): runs the rules again over a member's stored readings in a time
 * range, oldest first, exactly as the stream would have. Idempotent: a reading already in an episode,
 * already counted as normal or already in a baseline summary changes nothing, so it sends nothing twice.
 * For when evaluation failed and the stream records expired (docs/deploy.md runbook).
 */
export const reevaluateReadings = async (
  ports: StoredReadingPorts,
  input: { memberId: string; from: string; to: string },
): Promise<ReevaluateResult> => {
  const readings: ReadingFacts[] = [];
  for (const metric of ALERTING_METRICS) {
    readings.push(...((await ports.readings.listRange({ ...input, metric })) as ReadingFacts[]));
  }
  readings.sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  const result: ReevaluateResult = { ...input, readings: readings.length, outcomes: {}, baselineReadings: 0 };
  for (const reading of readings) {
    const evaluated = await evaluateStoredReading(ports, reading);
    if (evaluated.baseline !== undefined) result.baselineReadings += 1;
    for (const episode of evaluated.episodes) {
      result.outcomes[episode.outcome] = (result.outcomes[episode.outcome] ?? 0) + 1;
    }
  }
  return result;
};
