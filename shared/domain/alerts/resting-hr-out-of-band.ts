import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { HEART_RATE_URGENT_ADVICE, HEART_RATE_WATCH_ADVICE } from './care-advice.js';
import type { Finding } from './finding.js';
import { GUIDANCE } from './guidance.js';
import { DAILY_SUMMARY_GRACE_HOURS, lateArrivalSentence } from './late-arrival.js';
import { localDateLabel } from './local-time.js';
import type { RestingHeartRateFacts } from './reading-facts.js';

/**
 * resting-hr-out-of-band: the wearable's daily resting heart rate graded with the NEWS2 pulse bands.
 * Band 3 (<= low 40 or >= high 131): urgent, tier 2. Band 2 (41 to watchAtOrBelow 50, or watchAtOrAbove
 * 111 to 130): watch, tier 1. Anything between is normal.
 */
export const evaluateRestingHeartRate = (
  reading: RestingHeartRateFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Finding | undefined => {
  void subject;
  const { low, watchAtOrBelow, watchAtOrAbove, high } = thresholds.restingHeartRate;
  const bpm = reading.beatsPerMinute;
  const urgent = bpm <= low || bpm >= high;
  const watch = bpm <= watchAtOrBelow || bpm >= watchAtOrAbove;
  if (!urgent && !watch) {
    return undefined;
  }
  const slow = bpm <= watchAtOrBelow;
  const limit = urgent
    ? slow
      ? `${low} or below`
      : `${high} or above`
    : slow
      ? `${watchAtOrBelow} or below`
      : `${watchAtOrAbove} or above`;
  return {
    rule: 'resting-hr-out-of-band',
    condition: 'resting-hr-out-of-band',
    severity: urgent ? 'urgent' : 'watch',
    tier: urgent ? 2 : 1,
    rank: slow ? watchAtOrBelow - bpm : bpm - watchAtOrAbove,
    reading: {
      metric: reading.metric,
      measuredAt: reading.measuredAt,
      values: { beatsPerMinute: bpm },
      source: reading.provenance.source,
    },
    thresholds: { low, watchAtOrBelow, watchAtOrAbove, high },
    explanation:
      `${slow ? 'Slow' : 'Fast'} resting heart rate: the member's wearable gave a resting heart rate of ${bpm} ` +
      `beats per minute for ${localDateLabel(reading.localDate)}, which is ${limit}` +
      `${urgent ? ' (the most abnormal band of the NEWS2 pulse scale)' : ''}. ` +
      (urgent ? HEART_RATE_URGENT_ADVICE : HEART_RATE_WATCH_ADVICE) +
      ' A wrist device can be wrong: if the member feels well, ask them to check their pulse by hand.' +
      lateArrivalSentence(reading.measuredAt, now, DAILY_SUMMARY_GRACE_HOURS),
    guidance: GUIDANCE.restingHeartRate,
    qualityFlags: [],
  };
};
