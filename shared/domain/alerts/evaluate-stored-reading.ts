import type { MemberDirectory } from '../ports/member-directory.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { resolveThresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { evaluateReading } from './evaluate-reading.js';
import { type AlertPorts, type RaiseOutcome, raiseAlerts } from './raise-alerts.js';
import { type ReadingFacts, wornUntil } from './reading-facts.js';
import { resolveOpenAlerts } from './resolve-open-alerts.js';

/** Zone used when the member record is missing: the service is UK-based. Alerting beats dropping. */
export const FALLBACK_TIMEZONE = 'Europe/London';

export interface StoredReadingPorts extends AlertPorts {
  members: MemberDirectory;
  thresholds: ThresholdStore;
}

export interface StoredReadingResult {
  raised: RaiseOutcome[];
  resolved: string[];
  /** Set when something was substituted, so the handler can log it (never health values). */
  fallbacks: Array<'member-missing' | 'invalid-overrides'>;
}

/**
 * Evaluates one reading that was written to the readings table (via its stream).
 *
 * 1. Load the member (zone, name) and their threshold overrides; merge them over the defaults.
 *    A missing member or invalid overrides fall back to Europe/London and the defaults: a severe
 *    reading must still alert.
 * 2. evaluateReading: the pure rules.
 * 3. raiseAlerts: put-if-absent, publish, mark published.
 * 4. Data the device measured after a silence began proves the wearable is back: resolve that open
 *    wearable-no-data alert (its episode is the last-seen time). Late-arriving older data, daily
 *    summaries and manual entries do not (see wornUntil).
 */
export const evaluateStoredReading = async (
  ports: StoredReadingPorts,
  reading: ReadingFacts,
): Promise<StoredReadingResult> => {
  const fallbacks: StoredReadingResult['fallbacks'] = [];
  const [member, overrides] = await Promise.all([
    ports.members.getMember(reading.memberId),
    ports.thresholds.getOverrides(reading.memberId),
  ]);
  if (member === undefined) {
    fallbacks.push('member-missing');
  }
  const subject: AlertSubject = member
    ? { memberId: member.memberId, name: member.name, timezone: member.timezone }
    : { memberId: reading.memberId, timezone: FALLBACK_TIMEZONE };
  // Field by field: an invalid override falls back to its own default, the others still apply.
  const { thresholds, ignored } = resolveThresholds(overrides);
  if (ignored.length > 0) fallbacks.push('invalid-overrides');

  const alerts = evaluateReading(reading, subject, thresholds, ports.clock.now());
  const raised = await raiseAlerts(ports, alerts);
  const worn = wornUntil(reading);
  const resolved =
    worn === undefined
      ? []
      : await resolveOpenAlerts(
          ports,
          reading.memberId,
          'wearable-no-data',
          (alert) => Date.parse(alert.episode) < worn,
        );
  return { raised, resolved, fallbacks };
};
