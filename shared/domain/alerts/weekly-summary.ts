import type { Alert, WeeklySummary } from '../alert.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import type { LocalWeek } from './home-average-window.js';
import type { HomeAverage } from './home-blood-pressure-average.js';
import { localDateLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

export interface WeeklySummaryFacts {
  week: LocalWeek;
  readingCounts: Record<string, number>;
  homeAverage: HomeAverage;
  wearableDays: number;
  openAlerts: WeeklySummary['openAlerts'];
  /** ISO week of the summary (e.g. 2026-W49): its episode, so one summary per member and week. */
  isoWeek: string;
}

const STAGE_WORDS: Record<WeeklySummary['homeAverage']['stage'], string> = {
  insufficient: 'not enough days of readings for an average (NICE needs at least 4)',
  'below-stage-1': 'below 135/85, the NICE home level for raised blood pressure',
  'stage-1':
    "in NICE's stage 1 range for home readings (135/85 or more): not urgent; mention it at the member's next GP contact",
  'stage-2':
    "in NICE's stage 2 range for home readings (150/95 or more): not urgent, but please help the member book a GP review",
};

/** ISO 8601 week of a civil date, e.g. 2026-W49 (weeks start on Monday; week 1 holds the first Thursday). */
export const isoWeekOf = (localDate: string): string => {
  const date = new Date(`${localDate}T12:00:00Z`);
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
};

/**
 * weekly-summary: one `info` message per member and week for the care team. It pages no one; it is where
 * non-urgent findings go (the NICE stage 1 home average, days without wearable data).
 */
export const buildWeeklySummary = (facts: WeeklySummaryFacts, subject: AlertSubject, now: Date): Alert => {
  const average = facts.homeAverage;
  const stage = average.status === 'complete' ? average.band : 'insufficient';
  const bloodPressureReadings = facts.readingCounts['blood-pressure'] ?? 0;
  const averageText =
    average.status === 'complete'
      ? `${average.systolic}/${average.diastolic} mmHg, ${STAGE_WORDS[stage]}`
      : STAGE_WORDS[stage];
  const open =
    facts.openAlerts.length === 0
      ? 'No alerts are open.'
      : `${facts.openAlerts.length} alert${facts.openAlerts.length === 1 ? ' is' : 's are'} still open: ` +
        `${[...new Set(facts.openAlerts.map((alert) => alert.rule))].join(', ')}.`;
  const summary: WeeklySummary = {
    from: facts.week.from,
    to: facts.week.to,
    readingCounts: facts.readingCounts,
    homeAverage: {
      stage,
      ...(average.status === 'complete' ? { systolic: average.systolic, diastolic: average.diastolic } : {}),
      daysWithReadings:
        average.status === 'complete' ? average.datesUsed.length + 1 : average.daysWithReadings,
    },
    wearableDays: facts.wearableDays,
    openAlerts: facts.openAlerts,
  };
  return {
    ...newAlert({
      subject,
      rule: 'weekly-summary',
      severity: 'info',
      episode: facts.isoWeek,
      raisedAt: now,
      readings: [],
      thresholds: {},
      explanation:
        `Weekly summary for ${localDateLabel(facts.week.from)} to ${localDateLabel(facts.week.to)}. ` +
        `${bloodPressureReadings} blood pressure reading${bloodPressureReadings === 1 ? '' : 's'}. ` +
        `Home blood pressure average: ${averageText}. ` +
        `Wearable data on ${facts.wearableDays} of 7 days. ${open} ` +
        'For information: this message needs no action on its own.',
      guidance: GUIDANCE.weeklySummary,
    }),
    summary,
  };
};
