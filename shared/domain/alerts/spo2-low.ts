import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { SPO2_URGENT_ADVICE, SPO2_WATCH_ADVICE } from './care-advice.js';
import type { Finding } from './finding.js';
import { GUIDANCE } from './guidance.js';
import { DAILY_SUMMARY_GRACE_HOURS, lateArrivalSentence } from './late-arrival.js';
import { localDateLabel } from './local-time.js';
import { news2Spo2Scale1Band } from './news2-spo2-band.js';
import type { DailyOxygenSaturationFacts } from './reading-facts.js';

/** How many nights the "2 of the last 3" rule looks at, this one included. */
export const SPO2_NIGHT_WINDOW = 3;
export const SPO2_LOW_NIGHTS_FOR_URGENT = 2;

/**
 * Wrist SpO2 is an overnight average from a wrist device, less accurate than a fingertip oximeter and
 * known to over-read on darker skin (design decision D1 in docs/clinical-safety.md):
 * - urgent (spo2-urgent, tier 2): at or below urgentAtOrBelow (92%) on 2 of the last 3 nights, or one
 *   night at or below singleNightUrgentAtOrBelow (88%);
 * - watch (spo2-watch, tier 1): one night at or below 92% (confirm with a fingertip oximeter), or at or
 *   below watchAtOrBelow (94%, NHS oximetry@home "recheck").
 * `earlierNights` are the member's nightly averages for the two local dates before this one.
 */
export const evaluateSpo2 = (
  reading: DailyOxygenSaturationFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
  earlierNights: readonly number[] = [],
): Finding | undefined => {
  void subject;
  const { urgentAtOrBelow, watchAtOrBelow } = thresholds.oxygenSaturation;
  // A member with an agreed lower target (urgent level below 88) is not paged above it for one night.
  const singleNightUrgentAtOrBelow = Math.min(
    thresholds.oxygenSaturation.singleNightUrgentAtOrBelow,
    urgentAtOrBelow,
  );
  const value = reading.averagePercentage;
  if (value > watchAtOrBelow) {
    return undefined;
  }
  const lowNight = value <= urgentAtOrBelow;
  const lowNights =
    (lowNight ? 1 : 0) +
    earlierNights.slice(0, SPO2_NIGHT_WINDOW - 1).filter((night) => night <= urgentAtOrBelow).length;
  const urgent = value <= singleNightUrgentAtOrBelow || (lowNight && lowNights >= SPO2_LOW_NIGHTS_FOR_URGENT);
  const why = urgent
    ? value <= singleNightUrgentAtOrBelow
      ? `at or below ${singleNightUrgentAtOrBelow}%`
      : `at or below ${urgentAtOrBelow}% on ${lowNights} of the last ${SPO2_NIGHT_WINDOW} nights`
    : lowNight
      ? `at or below ${urgentAtOrBelow}% for one night`
      : `at or below ${watchAtOrBelow}%`;
  return {
    rule: urgent ? 'spo2-urgent' : 'spo2-watch',
    condition: 'spo2-low',
    severity: urgent ? 'urgent' : 'watch',
    tier: urgent ? 2 : 1,
    rank: watchAtOrBelow - value,
    reading: {
      metric: reading.metric,
      measuredAt: reading.measuredAt,
      values: { averagePercentage: value },
      source: reading.provenance.source,
    },
    thresholds: { urgentAtOrBelow, watchAtOrBelow, singleNightUrgentAtOrBelow },
    explanation:
      `Low blood oxygen overnight: the overnight average from a wrist device for the night of ` +
      `${localDateLabel(reading.localDate)} was ${value}%, ${why}. A wrist device is less accurate than a ` +
      'fingertip oximeter and can read too high on darker skin. ' +
      (urgent ? SPO2_URGENT_ADVICE : SPO2_WATCH_ADVICE) +
      ` (For reference only, NEWS2 SpO2 scale 1 band: ${news2Spo2Scale1Band(value)}.)` +
      lateArrivalSentence(reading.measuredAt, now, DAILY_SUMMARY_GRACE_HOURS),
    guidance: GUIDANCE.oximetryAtHome,
    qualityFlags: ['overnight average from a wrist device'],
  };
};
