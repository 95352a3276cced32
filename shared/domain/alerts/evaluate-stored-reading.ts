import { memberHasLeft } from '../members/member-left.js';
import type { DeviceRegistry } from '../ports/device-registry.js';
import type { LinkStatusReader } from '../ports/link-status-reader.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { resolveThresholds } from '../thresholds.js';
import { buildAlertKey } from './alert-key.js';
import { type AlertPorts, changeAlert, sendPendingNotifications } from './alert-outbox.js';
import type { AlertPolicy } from './alert-policy.js';
import type { AlertSubject } from './alert-subject.js';
import { addToBaselineSummary, isBaselineReading, type MonitoringStart } from './baseline-summary.js';
import { evaluateReading } from './evaluate-reading.js';
import type { Finding } from './finding.js';
import { raiseAlert } from './raise-alerts.js';
import type { ReadingFacts } from './reading-facts.js';
import { wornUntil } from './reading-facts.js';
import { type EpisodeOutcome, recordObservations } from './record-observations.js';
import { resolveOpenAlerts } from './resolve-open-alerts.js';

/** Zone used when the member record is missing: the service is UK-based. Alerting beats dropping. */
export const FALLBACK_TIMEZONE = 'Europe/London';

const DAY_MS = 86_400_000;

export interface StoredReadingPorts extends AlertPorts {
  members: Pick<MemberDirectory, 'getMember'>;
  devices: Pick<DeviceRegistry, 'getDevice'>;
  thresholds: ThresholdStore;
  readings: Pick<ReadingStore, 'listRange'>;
  /** When the wearable link was made: readings from before it count only in a baseline summary. */
  links: LinkStatusReader;
  policy: AlertPolicy;
}

export interface StoredReadingResult {
  episodes: EpisodeOutcome[];
  /** The baseline summary this reading was counted in, when it was a baseline reading. */
  baseline?: string;
  /**
   * Measured long before its blood-pressure monitor was registered (or its wearable linked, when it crossed a
   * rule): old data, so the week-based NICE home average is not raised for it either.
   */
  baselineReading: boolean;
  resolved: string[];
  /** The member has left (erasure started or done): nothing was evaluated, raised or sent. */
  memberLeft?: true;
  /** Set when something was substituted, so the handler can log it (never health values). */
  fallbacks: Array<'member-missing' | 'invalid-overrides'>;
}

/** When the reading's device was registered or its wearable linked; undefined when unknown. */
const monitoringStartOf = async (
  ports: StoredReadingPorts,
  reading: ReadingFacts,
): Promise<MonitoringStart | undefined> => {
  if (reading.metric === 'blood-pressure') {
    const deviceId = reading.provenance.deviceId;
    const device = deviceId === undefined ? undefined : await ports.devices.getDevice(deviceId);
    return device === undefined || device.memberId !== reading.memberId
      ? undefined
      : { source: 'blood-pressure monitor', importId: device.deviceId, registeredAt: device.createdAt };
  }
  if (reading.provenance.source !== 'google-health') return undefined;
  const link = await ports.links.status(reading.memberId);
  return link === undefined
    ? undefined
    : { source: 'Fitbit (Google Health) link', importId: 'google-health', registeredAt: link.linkedAt };
};

/** Nightly SpO2 averages of the two member-local dates before this one, for the "2 of 3 nights" rule. */
const earlierSpo2Nights = async (ports: StoredReadingPorts, reading: ReadingFacts): Promise<number[]> => {
  if (reading.metric !== 'daily-oxygen-saturation') return [];
  const start = Date.parse(reading.measuredAt);
  const earlier = await ports.readings.listRange({
    memberId: reading.memberId,
    metric: 'daily-oxygen-saturation',
    from: new Date(start - 3 * DAY_MS).toISOString(),
    to: new Date(start - 1).toISOString(),
  });
  const dates = new Set(
    [1, 2].map((days) =>
      new Date(Date.parse(`${reading.localDate}T12:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10),
    ),
  );
  return earlier.flatMap((night) =>
    night.metric === 'daily-oxygen-saturation' && dates.has(night.localDate) ? [night.averagePercentage] : [],
  );
};

/** Counts a baseline reading's findings in its import's one summary alert. */
const countInBaseline = async (
  ports: StoredReadingPorts,
  subject: AlertSubject,
  start: MonitoringStart,
  findings: Finding[],
): Promise<string> => {
  const alertKey = buildAlertKey(
    subject.memberId,
    'baseline-summary',
    `${start.importId}@${start.registeredAt}`,
  );
  const now = ports.clock.now();
  const existing = await ports.alerts.get(subject.memberId, alertKey);
  if (existing === undefined) {
    const created = addToBaselineSummary(undefined, findings, subject, start, ports.policy, now);
    if (created !== undefined && (await raiseAlert(ports, created)).outcome === 'raised') return alertKey;
  }
  const { alert } = await changeAlert(ports.alerts, subject.memberId, alertKey, (stored) =>
    addToBaselineSummary(stored, findings, subject, start, ports.policy, now),
  );
  await sendPendingNotifications(ports, alert);
  return alertKey;
};

/**
 * Evaluates one reading that was written to the readings table (via its stream), or again through
 * `alerts reevaluate`.
 *
 * 1. Load the member (zone, name) and their threshold overrides; merge them over the defaults.
 *    A member who has left (member-left.ts) gets nothing: no alert is raised, resolved or recreated.
 *    A missing member or invalid overrides fall back to Europe/London and the defaults: a severe
 *    reading must still alert.
 * 2. evaluateReading: the pure rules give one observation per condition (crossed or normal).
 * 3. A baseline reading (measured more than 72 h before its device was registered or its wearable
 *    linked) only counts towards the import's one baseline-summary alert.
 * 4. Otherwise recordObservations: open, extend, escalate or resolve the member's episodes, and send.
 * 5. A blood-pressure reading resolves an open bp-no-readings alert; data the wearable measured after a
 *    silence began resolves that wearable-no-data alert (late older data and daily summaries do not).
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
  if (await memberHasLeft(member, reading, ports)) {
    return { episodes: [], baselineReading: false, resolved: [], fallbacks, memberLeft: true };
  }
  if (member === undefined) {
    fallbacks.push('member-missing');
  }
  const subject: AlertSubject = member
    ? { memberId: member.memberId, name: member.name, timezone: member.timezone }
    : { memberId: reading.memberId, timezone: FALLBACK_TIMEZONE };
  // Field by field: an invalid override falls back to its own default, the others still apply.
  const { thresholds, ignored } = resolveThresholds(overrides);
  if (ignored.length > 0) fallbacks.push('invalid-overrides');

  const observations = evaluateReading(reading, subject, thresholds, {
    now: ports.clock.now(),
    earlierSpo2Nights: await earlierSpo2Nights(ports, reading),
  });
  const findings = observations.flatMap((o) => (o.finding === undefined ? [] : [o.finding]));
  // Blood pressure always: the home average of a baseline reading's week must not alert either.
  const start =
    findings.length === 0 && reading.metric !== 'blood-pressure'
      ? undefined
      : await monitoringStartOf(ports, reading);
  const baselineReading = start !== undefined && isBaselineReading(reading.measuredAt, start, ports.policy);
  if (start !== undefined && baselineReading && findings.length > 0) {
    const baseline = await countInBaseline(ports, subject, start, findings);
    return { episodes: [], baseline, baselineReading, resolved: [], fallbacks };
  }
  const episodes = await recordObservations(ports, subject, observations, ports.policy);

  const resolved: string[] = [];
  if (reading.metric === 'blood-pressure') {
    resolved.push(
      ...(await resolveOpenAlerts(
        ports,
        reading.memberId,
        'bp-no-readings',
        (alert) => reading.measuredAt > alert.episode,
        ' Update: a blood pressure reading has arrived, so this alert is closed.',
      )),
    );
  }
  const worn = wornUntil(reading);
  if (worn !== undefined) {
    resolved.push(
      ...(await resolveOpenAlerts(
        ports,
        reading.memberId,
        'wearable-no-data',
        (alert) => Date.parse(alert.episode) < worn,
        ' Update: wearable data is arriving again, so this alert is closed.',
      )),
    );
  }
  return { episodes, baselineReading, resolved, fallbacks };
};
