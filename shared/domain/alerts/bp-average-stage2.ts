import type { Alert } from '../alert.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import type { LocalWeek } from './home-average-window.js';
import {
  type HomeReading,
  homeBloodPressureAverage,
  NG136_HOME_BANDS,
} from './home-blood-pressure-average.js';
import { localDateLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

/**
 * bp-average-stage2: the NICE NG136 home average of one monitoring week (member-local days, first day
 * discarded, at least 4 days with readings) is at or above 150/95. A watch alert worded for a GP review, not
 * urgent. Stage 1 (135/85) pages no one: it goes into the weekly summary. Episode: the week's first date.
 */
export const evaluateBpAverageStage2 = (
  readings: readonly HomeReading[],
  week: LocalWeek,
  subject: AlertSubject,
  now: Date,
): Alert | undefined => {
  const average = homeBloodPressureAverage(readings, subject.timezone);
  if (average.status !== 'complete' || average.band !== 'stage-2') return undefined;
  const { systolic, diastolic } = NG136_HOME_BANDS.stage2;
  const used = new Set(average.datesUsed);
  return newAlert({
    subject,
    rule: 'bp-average-stage2',
    severity: 'watch',
    episode: week.from,
    raisedAt: now,
    readings: [
      {
        metric: 'blood-pressure-home-average',
        measuredAt: now.toISOString(),
        values: {
          systolic: average.systolic,
          diastolic: average.diastolic,
          days: average.datesUsed.length,
          readings: average.readingsUsed,
        },
        source: 'nice-ng136-home-average',
      },
    ],
    thresholds: { averageSystolic: systolic, averageDiastolic: diastolic },
    explanation:
      `The member's average home blood pressure over ${average.datesUsed.length} days ` +
      `(${localDateLabel(average.datesUsed[0] ?? week.from)} to ${localDateLabel(average.datesUsed.at(-1) ?? week.to)}, ` +
      `${average.readingsUsed} readings; the first day, ${localDateLabel(average.discardedDate)}, is left out as NICE ` +
      `advises) is ${average.systolic}/${average.diastolic} mmHg, at or above ${systolic}/${diastolic}. ` +
      'This is not urgent. Please help the member book a GP review in the next few weeks, and take this ' +
      'average with them. If they feel unwell in the meantime, they should contact their GP or call NHS 111.' +
      (used.size < 6 ? ' NICE advises 7 days of readings, morning and evening, where possible.' : ''),
    guidance: GUIDANCE.homeAverageStage2,
  });
};
