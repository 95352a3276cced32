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
 * spo2-watch: the daily average SpO2 <= watchAtOrBelow (NHS oximetry@home: 93-94% recheck) but above the
 * urgent level. Inhibited while spo2-urgent fires for the same value, so staff get one alert, not two.
 * Episode: the member-local date of the daily value.
 */
export const evaluateSpo2Watch = (
  reading: DailyOxygenSaturationFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert | undefined => {
  const { watchAtOrBelow, urgentAtOrBelow } = thresholds.oxygenSaturation;
  const value = reading.averagePercentage;
  if (value > watchAtOrBelow || value <= urgentAtOrBelow) {
    return undefined;
  }
  return newAlert({
    subject,
    rule: 'spo2-watch',
    severity: 'watch',
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
    thresholds: { watchAtOrBelow, urgentAtOrBelow },
    explanation:
      `The member's average blood oxygen level from their wearable for ${localDateLabel(reading.localDate)} was ` +
      `${value}%, at or below the watch level of ${watchAtOrBelow}%. Please check in with the member and ` +
      `review; NHS home-oximetry advice is to recheck and seek advice if it stays low (for reference, NEWS2 ` +
      `SpO2 scale 1 band: ${news2Spo2Scale1Band(value)}).` +
      lateArrivalSentence(reading.measuredAt, now, DAILY_SUMMARY_GRACE_HOURS),
    guidance: GUIDANCE.oximetryAtHome,
  });
};
