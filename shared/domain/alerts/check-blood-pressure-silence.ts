import type { MemberDirectory } from '../ports/member-directory.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { resolveThresholds } from '../thresholds.js';
import type { AlertPorts } from './alert-outbox.js';
import { evaluateBpSilence } from './bp-no-readings.js';
import { raiseAlert } from './raise-alerts.js';

const DAY_MS = 86_400_000;
/** How far back the last reading is looked for; older silences keep the registration as their start. */
const LOOKBACK_DAYS = 90;

export interface BpSilencePorts extends AlertPorts {
  members: Pick<MemberDirectory, 'listMembers'>;
  thresholds: ThresholdStore;
  readings: Pick<ReadingStore, 'listRange'>;
}

/**
 * For every member with a registered blood-pressure monitor: raise bp-no-readings when no reading came
 * for their `noData.bloodPressureDays` (raiseAlert is idempotent and the open slot keeps one per member).
 * Returns the alert keys raised this run.
 */
export const checkBloodPressureSilence = async (ports: BpSilencePorts): Promise<string[]> => {
  const now = ports.clock.now();
  const raised: string[] = [];
  for (const member of await ports.members.listMembers()) {
    if (member.bloodPressureMonitorSince === undefined) continue;
    // Field by field: an invalid override falls back to its default, so the member is still watched.
    const days = resolveThresholds(await ports.thresholds.getOverrides(member.memberId)).thresholds.noData
      .bloodPressureDays;
    const recent = await ports.readings.listRange({
      memberId: member.memberId,
      metric: 'blood-pressure',
      from: new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS).toISOString(),
    });
    const last = recent.at(-1)?.measuredAt;
    const alert = evaluateBpSilence({
      subject: { memberId: member.memberId, name: member.name, timezone: member.timezone },
      monitorSince: member.bloodPressureMonitorSince,
      ...(last === undefined ? {} : { lastReadingAt: last }),
      days,
      now,
    });
    if (alert !== undefined && (await raiseAlert(ports, alert)).outcome === 'raised')
      raised.push(alert.alertKey);
  }
  return raised;
};
