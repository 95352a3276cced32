import type { Alert } from '../alert.js';
import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { DAILY_SUMMARY_GRACE_HOURS, lateArrivalSentence } from './late-arrival.js';
import { localDateLabel } from './local-time.js';
import { newAlert } from './new-alert.js';
import { news2Spo2Scale1Band } from './news2-spo2-band.js';
import type { DailyOxygenSaturationFacts } from './reading-facts.js';

/**
 * spo2-urgent: the wearable's daily average SpO2 <= urgentAtOrBelow (NHS oximetry@home: 92%). Urgent.
 * Episode: the member-local date of the daily value.
 */
export const evaluateSpo2Urgent = (
  reading: DailyOxygenSaturationFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert | undefined => {
  const { urgentAtOrBelow } = thresholds.oxygenSaturation;
  const value = reading.averagePercentage;
  if (value > urgentAtOrBelow) {
    return undefined;
  }
  return newAlert({
    subject,
    rule: 'spo2-urgent',
    severity: 'urgent',
    episode: reading.localDate,
    raisedAt: now,
    readings: [
      {
        metric: reading.metric,
        measuredAt: reading.measuredAt,
        values: { averagePercentage: value },
        source: reading.provenance.source,
      },
    ],
    thresholds: { urgentAtOrBelow },
    explanation:
      `The member's average blood oxygen level from their wearable for ${localDateLabel(reading.localDate)} was ` +
      `${value}%, at or below the urgent level of ${urgentAtOrBelow}%. Please contact the member promptly and ` +
      `review; a wearable estimate should be confirmed with a fingertip oximeter (for reference, NEWS2 SpO2 ` +
      `scale 1 band: ${news2Spo2Scale1Band(value)}).` +
      lateArrivalSentence(reading.measuredAt, now, DAILY_SUMMARY_GRACE_HOURS),
    guidance: GUIDANCE.oximetryAtHome,
  });
};
