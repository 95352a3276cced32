import type { Alert, AlertReadingRef } from '../alert.js';
import type { AlertSubject } from './alert-subject.js';
import { type Finding, type Observation, readingIdentity, SEVERITY_ORDER } from './finding.js';
import { newAlert, withNotification } from './new-alert.js';

/** How an episode ends and what counts as materially worse. Deployment settings (alert-policy.ts). */
export interface EpisodePolicy {
  /** Normal readings in a row, after the latest crossing one, that resolve an episode (hysteresis). */
  normalReadingsToResolve: number;
  /** A systolic this much above the last notified one escalates a bp-severe episode. */
  escalationSystolicRise: number;
}

const byTime = (a: AlertReadingRef, b: AlertReadingRef): number => a.measuredAt.localeCompare(b.measuredAt);

/** The last raised or escalated notification: what the care team was last told about how bad it is. */
const lastNotifiedPeak = (alert: Alert): { tier: number; peak?: number } => {
  const told = alert.notifications.filter((n) => n.kind === 'raised' || n.kind === 'escalated').at(-1);
  return told === undefined
    ? { tier: alert.tier }
    : { tier: told.tier, ...(told.peak === undefined ? {} : { peak: told.peak }) };
};

/** Materially worse than what the care team was last told: a higher tier, or systolic 20+ higher. */
export const isMateriallyWorse = (alert: Alert, finding: Finding, policy: EpisodePolicy): boolean => {
  const told = lastNotifiedPeak(alert);
  if (finding.tier > told.tier) return true;
  return (
    finding.peak !== undefined &&
    told.peak !== undefined &&
    finding.peak >= told.peak + policy.escalationSystolicRise
  );
};

/** A new episode opened by a crossing reading; its `raised` notification is queued. */
export const openEpisode = (finding: Finding, subject: AlertSubject, now: Date): Alert => {
  const alert = newAlert({
    subject,
    rule: finding.rule,
    severity: finding.severity,
    tier: finding.tier,
    // The reading that opened it: unique, so a later episode of the same condition gets a new key.
    episode: finding.reading.measuredAt,
    raisedAt: now,
    readings: [finding.reading],
    thresholds: finding.thresholds,
    explanation: finding.explanation,
    guidance: finding.guidance,
    qualityFlags: finding.qualityFlags,
  });
  // Record the peak on the raised notification, for the "20 or more higher" comparison.
  const [raised] = alert.notifications;
  return raised === undefined || finding.peak === undefined
    ? alert
    : { ...alert, notifications: [{ ...raised, peak: finding.peak }] };
};

const resolvedSentence = (count: number): string =>
  ` Update: the last ${count} readings were back within the threshold, so this episode is closed. No action ` +
  'is needed for it unless the member is unwell.';

/**
 * The next state of an open episode after one more observation of its condition, or undefined when it
 * changes nothing (a redelivered reading, a normal reading older than the latest crossing one):
 * - a crossing reading joins the episode; if it is materially worse than what the care team was last
 *   told, the alert takes its severity, tier and explanation and an `escalated` notification is queued;
 * - a normal reading after the latest crossing one counts towards resolving; after
 *   `normalReadingsToResolve` of them the episode resolves with a `resolved` notification.
 */
export const applyObservation = (
  alert: Alert,
  observation: Observation,
  policy: EpisodePolicy,
  now: Date,
): Alert | undefined => {
  if (alert.status !== 'open') return undefined;
  const id = readingIdentity(observation.reading);
  const finding = observation.finding;
  if (finding !== undefined) {
    if (alert.readings.some((reading) => readingIdentity(reading) === id)) return undefined;
    const readings = [...alert.readings, finding.reading].sort(byTime);
    const latestCrossing = readings.at(-1)?.measuredAt ?? finding.reading.measuredAt;
    const normalSince = (alert.normalSince ?? []).filter((r) => r.measuredAt > latestCrossing);
    const extended: Alert = {
      ...alert,
      readings,
      normalSince,
      qualityFlags: [...new Set([...alert.qualityFlags, ...finding.qualityFlags])],
    };
    if (!isMateriallyWorse(alert, finding, policy)) return extended;
    const escalated: Alert = {
      ...extended,
      rule: finding.tier >= alert.tier ? finding.rule : alert.rule,
      severity:
        SEVERITY_ORDER[finding.severity] > SEVERITY_ORDER[alert.severity] ? finding.severity : alert.severity,
      tier: Math.max(finding.tier, alert.tier),
      thresholds: finding.thresholds,
      explanation: `Worse than when this alert was raised. ${finding.explanation}`,
    };
    return withNotification(escalated, 'escalated', now, finding.peak);
  }
  const latestCrossing = alert.readings.at(-1)?.measuredAt ?? alert.raisedAt;
  if (observation.reading.measuredAt <= latestCrossing) return undefined;
  const normalSince = alert.normalSince ?? [];
  if (normalSince.some((reading) => readingIdentity(reading) === id)) return undefined;
  const counted = [...normalSince, observation.reading].sort(byTime);
  if (counted.length < policy.normalReadingsToResolve) return { ...alert, normalSince: counted };
  return resolveEpisode({ ...alert, normalSince: counted }, now, resolvedSentence(counted.length));
};

/** Closes an open alert with a `resolved` notification (only if the care team was ever told of it). */
export const resolveEpisode = (alert: Alert, now: Date, sentence: string): Alert => {
  const resolved: Alert = {
    ...alert,
    status: 'resolved',
    resolvedAt: now.toISOString(),
    explanation: `${alert.explanation}${sentence}`,
  };
  const told = alert.notifications.some((n) => n.publishedAt !== undefined);
  return told
    ? withNotification(resolved, 'resolved', now)
    : { ...resolved, notifications: alert.notifications.filter((n) => n.publishedAt !== undefined) };
};
