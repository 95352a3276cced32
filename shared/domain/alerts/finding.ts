import type { AlertReadingRef, AlertRule, AlertSeverity } from '../alert.js';
import type { AlertCondition } from './alert-condition.js';

/** What one rule concluded about one reading that crossed its threshold. Pure data, no side effects. */
export interface Finding {
  rule: AlertRule;
  condition: AlertCondition;
  severity: AlertSeverity;
  /** Grade within the condition, 1 lowest; a higher tier in an open episode is an escalation. */
  tier: number;
  reading: AlertReadingRef;
  /** bp-severe: the systolic value, for the "20 mmHg or more higher" escalation. */
  peak?: number;
  /** Higher is worse, within one rule; picks the worst reading of a baseline import. */
  rank: number;
  thresholds: Record<string, number>;
  /** The explanation for this reading, written for a care worker who is not a clinician. */
  explanation: string;
  guidance: { name: string; reference: string };
  qualityFlags: string[];
}

/**
 * One reading seen by one condition: `finding` when it crossed the threshold, none when it was normal for
 * that condition (normal readings count towards resolving an open episode).
 */
export interface Observation {
  condition: AlertCondition;
  reading: AlertReadingRef;
  finding?: Finding;
}

/** A reading's identity within an episode: a revised daily value is a different reading. */
export const readingIdentity = (reading: AlertReadingRef): string =>
  `${reading.metric}|${reading.measuredAt}|${reading.source}|${JSON.stringify(reading.values)}`;

export const SEVERITY_ORDER: Record<AlertSeverity, number> = { 'staff-task': 0, watch: 1, urgent: 2 };
