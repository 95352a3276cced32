import type { Alert } from '../alert.js';
import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { DAILY_SUMMARY_GRACE_HOURS, lateArrivalSentence } from './late-arrival.js';
import { localDateLabel } from './local-time.js';
import { newAlert } from './new-alert.js';
import type { RestingHeartRateFacts } from './reading-facts.js';

/**
 * resting-hr-out-of-band: the wearable's daily resting heart rate is outside [low, high] (inclusive band).
 * Watch. Episode: the member-local date of the daily value.
 */
export const evaluateRestingHeartRate = (
  reading: RestingHeartRateFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert | undefined => {
  const { low, high } = thresholds.restingHeartRate;
  const bpm = reading.beatsPerMinute;
  if (bpm >= low && bpm <= high) {
    return undefined;
  }
  const side = bpm > high ? `above the upper limit of ${high}` : `below the lower limit of ${low}`;
  return newAlert({
    subject,
    rule: 'resting-hr-out-of-band',
    severity: 'watch',
    episode: reading.localDate,
    raisedAt: now,
    readings: [
      {
        metric: reading.metric,
        measuredAt: reading.measuredAt,
        values: { beatsPerMinute: bpm },
        source: reading.provenance.source,
      },
    ],
    thresholds: { low, high },
    explanation:
      `The member's resting heart rate from their wearable for ${localDateLabel(reading.localDate)} was ` +
      `${bpm} beats per minute, ${side} set for them. Please check in with the member and review.` +
      lateArrivalSentence(reading.measuredAt, now, DAILY_SUMMARY_GRACE_HOURS),
    guidance: GUIDANCE.restingHeartRate,
  });
};
