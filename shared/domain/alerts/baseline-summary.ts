import type { Alert, AlertReadingRef, BaselineSummary } from '../alert.js';
import type { AlertPolicy } from './alert-policy.js';
import type { AlertSubject } from './alert-subject.js';
import { type Finding, readingIdentity } from './finding.js';
import { localDateLabel, localDateOf } from './local-time.js';
import { newAlert } from './new-alert.js';

const HOUR_MS = 3_600_000;

/** When monitoring of a source started: the device's registration or the wearable's link. */
export interface MonitoringStart {
  /** e.g. "blood-pressure monitor d-abc" or "Fitbit (Google Health) link". */
  source: string;
  /** Stable id of the import: the device id, or "google-health". */
  importId: string;
  registeredAt: string;
}

/**
 * Baseline (project rule, docs/clinical-safety.md): a reading measured more than `baselineHours` (72)
 * before its device was registered or its wearable linked is history, not news. It is stored and shown,
 * but pages no one on its own; a reading from the 72 hours before registration alerts as usual, because
 * a member may take one in the very session where staff register the monitor.
 */
export const isBaselineReading = (measuredAt: string, start: MonitoringStart, policy: AlertPolicy): boolean =>
  Date.parse(measuredAt) < Date.parse(start.registeredAt) - policy.baselineHours * HOUR_MS;

const RULE_LABELS: Record<string, string> = {
  'bp-severe': 'very high blood pressure (at or above the severe level)',
  'bp-low': 'low blood pressure',
  'resting-hr-out-of-band': 'resting heart rate outside the usual band',
  'spo2-urgent': 'low overnight blood oxygen on several nights or very low on one',
  'spo2-watch': 'low overnight blood oxygen',
};

const valueLabel = (reading: AlertReadingRef): string => {
  const v = reading.values;
  if (v.systolic !== undefined && v.diastolic !== undefined) return `${v.systolic}/${v.diastolic} mmHg`;
  if (v.beatsPerMinute !== undefined) return `${v.beatsPerMinute} beats per minute`;
  if (v.averagePercentage !== undefined) return `${v.averagePercentage}%`;
  return Object.entries(v)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
};

const explain = (summary: BaselineSummary, timezone: string): string => {
  const lines = Object.entries(summary.crossed).map(
    ([rule, { count, worst }]) =>
      `${count} reading${count === 1 ? '' : 's'} with ${RULE_LABELS[rule] ?? rule} ` +
      `(worst ${valueLabel(worst)} on ${localDateLabel(localDateOf(worst.measuredAt, timezone))})`,
  );
  return (
    `Older readings arrived from the member's ${summary.source}, measured before it was set up on ` +
    `${localDateLabel(localDateOf(summary.registeredAt, timezone))}. They are history, so they did not ` +
    `raise alerts one by one. Among them: ${lines.join('; ')}. What to do: no urgent action is needed ` +
    'for old readings. Please look at them at the next contact with the member, and share them with the ' +
    'GP at the next review. Any new reading will alert as usual.'
  );
};

/**
 * Adds one baseline reading's findings to the import's summary alert (creating it when `existing` is
 * undefined), or returns undefined when the reading is already counted. The summary is a watch alert; its
 * `raised` notification is held until `sendAfter`, so a 45-day memory gives one message with all of it.
 */
export const addToBaselineSummary = (
  existing: Alert | undefined,
  findings: readonly Finding[],
  subject: AlertSubject,
  start: MonitoringStart,
  policy: AlertPolicy,
  now: Date,
): Alert | undefined => {
  const [first] = findings;
  if (first === undefined) return undefined;
  const alert = existing ?? {
    ...newAlert({
      subject,
      rule: 'baseline-summary',
      severity: 'watch',
      episode: `${start.importId}@${start.registeredAt}`,
      raisedAt: now,
      readings: [],
      thresholds: first.thresholds,
      explanation: 'Baseline summary.',
      guidance: first.guidance,
    }),
    sendAfter: new Date(now.getTime() + policy.baselineGroupWaitMinutes * 60_000).toISOString(),
    baseline: { source: start.source, registeredAt: start.registeredAt, crossed: {} },
  };
  const id = readingIdentity(first.reading);
  if (alert.readings.some((reading) => readingIdentity(reading) === id)) return undefined;
  const crossed = { ...(alert.baseline?.crossed ?? {}) };
  for (const finding of findings) {
    const current = crossed[finding.rule];
    const worse = current === undefined || finding.rank > current.rank;
    crossed[finding.rule] = {
      count: (current?.count ?? 0) + 1,
      worst: worse ? finding.reading : current.worst,
      rank: worse ? finding.rank : current.rank,
    };
  }
  const baseline: BaselineSummary = {
    source: start.source,
    registeredAt: start.registeredAt,
    crossed,
  };
  return {
    ...alert,
    readings: [...alert.readings, first.reading].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt)),
    thresholds: { ...alert.thresholds, ...Object.assign({}, ...findings.map((f) => f.thresholds)) },
    baseline,
    explanation: explain(baseline, subject.timezone),
  };
};
