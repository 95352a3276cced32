import type { BloodPressureReading } from '../blood-pressure-reading.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { AlertSubject } from './alert-subject.js';
import { evaluateBpAverageStage2 } from './bp-average-stage2.js';
import { FALLBACK_TIMEZONE } from './evaluate-stored-reading.js';
import { monitoringWeekOf, readingsForHomeAverage } from './home-average-window.js';
import { localDateOf } from './local-time.js';
import { type AlertPorts, type RaiseOutcome, raiseAlerts } from './raise-alerts.js';
import type { BloodPressureFacts } from './reading-facts.js';

export interface HomeAveragePorts extends AlertPorts {
  members: Pick<MemberDirectory, 'getMember'>;
  readings: Pick<ReadingStore, 'listRange'>;
}

/**
 * Runs after each stored blood-pressure reading (evaluate-alerts): reads that reading's monitoring week
 * (member-local Monday to Sunday) from the store, and raises bp-average-stage2 once per week when the NICE
 * home average reaches stage 2. A redelivered record, or a later reading the same week, finds the alert
 * already raised (its key is the week).
 */
export const evaluateHomeAverage = async (
  ports: HomeAveragePorts,
  reading: BloodPressureFacts,
): Promise<RaiseOutcome[]> => {
  const member = await ports.members.getMember(reading.memberId);
  const subject: AlertSubject = member
    ? { memberId: member.memberId, name: member.name, timezone: member.timezone }
    : { memberId: reading.memberId, timezone: FALLBACK_TIMEZONE };
  const week = monitoringWeekOf(localDateOf(reading.measuredAt, subject.timezone), subject.timezone);
  const stored = (await ports.readings.listRange({
    memberId: reading.memberId,
    metric: 'blood-pressure',
    from: week.startUtc,
    to: new Date(Date.parse(week.endUtc) - 1).toISOString(),
  })) as BloodPressureReading[];
  const alert = evaluateBpAverageStage2(readingsForHomeAverage(stored), week, subject, ports.clock.now());
  return alert === undefined ? [] : raiseAlerts(ports, [alert]);
};
