import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { evaluateBpLow } from './bp-low.js';
import { evaluateBpSevere } from './bp-severe.js';
import type { Observation } from './finding.js';
import type { ReadingFacts } from './reading-facts.js';
import { evaluateRestingHeartRate } from './resting-hr-out-of-band.js';
import { evaluateSpo2 } from './spo2-low.js';

/** What the rules may know beyond the reading itself. */
export interface ReadingContext {
  now: Date;
  /** Nightly SpO2 averages of the two member-local dates before a daily-oxygen-saturation reading. */
  earlierSpo2Nights?: readonly number[];
}

/**
 * Runs every rule that applies to one stored reading: for each condition the reading speaks to, either a
 * finding (it crossed) or a plain observation (it was normal, which counts towards resolving an episode).
 * Pure: the same inputs always give the same observations, so redelivered records change nothing.
 */
export const evaluateReading = (
  reading: ReadingFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  context: ReadingContext,
): Observation[] => {
  const observe = (
    condition: Observation['condition'],
    values: Record<string, number>,
    finding: Observation['finding'],
  ): Observation => ({
    condition,
    reading: finding?.reading ?? {
      metric: reading.metric,
      measuredAt: reading.measuredAt,
      values,
      source: reading.provenance.source,
    },
    ...(finding === undefined ? {} : { finding }),
  });
  switch (reading.metric) {
    case 'blood-pressure': {
      const values = { systolic: reading.systolic, diastolic: reading.diastolic };
      return [
        observe('bp-severe', values, evaluateBpSevere(reading, subject, thresholds, context.now)),
        observe('bp-low', values, evaluateBpLow(reading, subject, thresholds, context.now)),
      ];
    }
    case 'resting-heart-rate':
      return [
        observe(
          'resting-hr-out-of-band',
          { beatsPerMinute: reading.beatsPerMinute },
          evaluateRestingHeartRate(reading, subject, thresholds, context.now),
        ),
      ];
    case 'daily-oxygen-saturation':
      return [
        observe(
          'spo2-low',
          { averagePercentage: reading.averagePercentage },
          evaluateSpo2(reading, subject, thresholds, context.now, context.earlierSpo2Nights),
        ),
      ];
    default:
      return [];
  }
};
