import type { Alert } from '../alert.js';
import type { BloodPressureReading } from '../blood-pressure-reading.js';
import { METRICS } from '../metric.js';
import type { MemberPages } from '../ports/member-pages.js';
import type { ReadingStore } from '../ports/reading-store.js';
import type { ThresholdAuditStore } from '../ports/threshold-store.js';
import { localDateOf } from '../time/member-local-time.js';
import { changeAlert } from './alert-outbox.js';
import type { AlertSubject } from './alert-subject.js';
import { readingsForHomeAverage, sevenDaysBefore } from './home-average-window.js';
import { homeBloodPressureAverage } from './home-blood-pressure-average.js';
import { type AlertPorts, raiseAlerts } from './raise-alerts.js';
import { evaluateThresholdsReview } from './thresholds-review-due.js';
import { buildWeeklySummary, isoWeekOf } from './weekly-summary.js';

export interface WeeklySummaryPorts extends AlertPorts {
  members: MemberPages;
  readings: Pick<ReadingStore, 'listRange'>;
  thresholds: Pick<ThresholdAuditStore, 'getCurrent'>;
}

const closeSentSummary = async (ports: AlertPorts, memberId: string, alertKey: string, now: Date) =>
  changeAlert(ports.alerts, memberId, alertKey, (stored) =>
    stored.status !== 'open' || stored.notifications.some((n) => n.publishedAt === undefined)
      ? undefined
      : { ...stored, status: 'resolved', resolvedAt: now.toISOString() },
  );

export interface WeeklySummaryRun {
  members: number;
  sent: number;
  failures: number;
}

type Stored = { metric: string; measuredAt: string; localDate?: string };

/** One member: the week's counts, NICE home average, wearable days and open alerts; then the review check. */
const summariseMember = async (
  ports: WeeklySummaryPorts,
  subject: AlertSubject,
  now: Date,
): Promise<Alert[]> => {
  const week = sevenDaysBefore(now, subject.timezone);
  const range = { from: week.startUtc, to: new Date(Date.parse(week.endUtc) - 1).toISOString() };
  const readingCounts: Record<string, number> = {};
  const wearableDates = new Set<string>();
  let bloodPressure: BloodPressureReading[] = [];
  for (const metric of METRICS) {
    const readings = (await ports.readings.listRange({
      memberId: subject.memberId,
      metric,
      ...range,
    })) as Stored[];
    if (readings.length > 0) readingCounts[metric] = readings.length;
    if (metric === 'blood-pressure') {
      bloodPressure = readings as BloodPressureReading[];
      continue;
    }
    for (const reading of readings) {
      const date = reading.localDate ?? localDateOf(new Date(reading.measuredAt), subject.timezone);
      if (date >= week.from && date <= week.to) wearableDates.add(date);
    }
  }
  const openAlerts = (await ports.alerts.list({ memberId: subject.memberId }))
    .filter((alert) => alert.status === 'open' && alert.severity !== 'info')
    .map(({ alertKey, rule, severity, raisedAt }) => ({ alertKey, rule, severity, raisedAt }));
  const summary = buildWeeklySummary(
    {
      week,
      readingCounts,
      homeAverage: homeBloodPressureAverage(readingsForHomeAverage(bloodPressure), subject.timezone),
      wearableDays: wearableDates.size,
      openAlerts,
      isoWeek: isoWeekOf(localDateOf(now, subject.timezone)),
    },
    subject,
    now,
  );
  const review = evaluateThresholdsReview(
    await ports.thresholds.getCurrent(subject.memberId),
    localDateOf(now, subject.timezone),
    subject,
    now,
  );
  return review === undefined ? [summary] : [summary, review];
};

/**
 * The weekly schedule: visits every member, page by page, and sends each care team one weekly-summary (severity
 * info) through the alert outbox, keyed by member and ISO week, so a retried run sends nothing twice. A summary
 * is closed as soon as it is sent: it is a report, not something to act on or list as open. The same visit
 * raises thresholds-review-due when the member's overrides are past their review date. One member's failure
 * does not stop the others; the caller fails the run afterwards, so the schedule retries it.
 */
export const sendWeeklySummaries = async (
  ports: WeeklySummaryPorts,
  onMemberFailed: (memberId: string, error: unknown) => void = () => {},
): Promise<WeeklySummaryRun> => {
  const now = ports.clock.now();
  const run: WeeklySummaryRun = { members: 0, sent: 0, failures: 0 };
  let cursor: string | undefined;
  do {
    const page = await ports.members.listMembersPage(cursor);
    for (const member of page.members) {
      run.members += 1;
      try {
        const subject = { memberId: member.memberId, name: member.name, timezone: member.timezone };
        const alerts = await summariseMember(ports, subject, now);
        const outcomes = await raiseAlerts(ports, alerts);
        const summary = alerts[0];
        // A report, not an open alert: closed once sent, with no `resolved` notice, so it gets no reminders.
        if (summary !== undefined) await closeSentSummary(ports, member.memberId, summary.alertKey, now);
        run.sent += outcomes.filter(
          (outcome) => outcome.outcome === 'raised' || outcome.outcome === 'resent',
        ).length;
      } catch (error) {
        run.failures += 1;
        onMemberFailed(member.memberId, error);
      }
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return run;
};
