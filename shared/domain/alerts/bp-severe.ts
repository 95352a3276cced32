import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { SEVERE_BP_ADVICE } from './care-advice.js';
import type { Finding } from './finding.js';
import { GUIDANCE } from './guidance.js';
import { lateArrivalSentence } from './late-arrival.js';
import { localTimeLabel } from './local-time.js';
import { qualityFlagsOf, qualitySentence } from './quality-flags.js';
import type { BloodPressureFacts } from './reading-facts.js';

/** NEWS2 systolic band 3 (high side): 220 mmHg or more. Reaching it within an episode escalates. */
export const NEWS2_SYSTOLIC_BAND_3 = 220;

/**
 * bp-severe: one reading with systolic >= severeSystolic OR diastolic >= severeDiastolic (NICE NG136:
 * 180/120). Urgent. Tier 1, or tier 2 when systolic reaches NEWS2 band 3 (>= 220). Never a diagnosis:
 * NICE's same-day referral needs a clinic reading plus clinical signs, which a home reading cannot meet.
 */
export const evaluateBpSevere = (
  reading: BloodPressureFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Finding | undefined => {
  const { severeSystolic, severeDiastolic } = thresholds.bloodPressure;
  const systolicHigh = reading.systolic >= severeSystolic;
  const diastolicHigh = reading.diastolic >= severeDiastolic;
  if (!systolicHigh && !diastolicHigh) {
    return undefined;
  }
  const qualityFlags = qualityFlagsOf(reading.status);
  const when = localTimeLabel(reading.measuredAt, subject.timezone);
  const crossed = [
    systolicHigh ? `the top number (systolic, ${reading.systolic}) is at or above ${severeSystolic}` : '',
    diastolicHigh
      ? `the bottom number (diastolic, ${reading.diastolic}) is at or above ${severeDiastolic}`
      : '',
  ]
    .filter((part) => part !== '')
    .join(' and ');
  const tier = reading.systolic >= NEWS2_SYSTOLIC_BAND_3 ? 2 : 1;
  return {
    rule: 'bp-severe',
    condition: 'bp-severe',
    severity: 'urgent',
    tier,
    peak: reading.systolic,
    rank: Math.max(reading.systolic - severeSystolic, reading.diastolic - severeDiastolic),
    reading: {
      metric: reading.metric,
      measuredAt: reading.measuredAt,
      values: { systolic: reading.systolic, diastolic: reading.diastolic },
      source: reading.provenance.source,
    },
    thresholds: { severeSystolic, severeDiastolic },
    explanation:
      `Very high home blood pressure: ${reading.systolic}/${reading.diastolic} mmHg at ${when}; ${crossed}` +
      `${tier === 2 ? `, and the top number is ${NEWS2_SYSTOLIC_BAND_3} or more` : ''}. ` +
      SEVERE_BP_ADVICE +
      qualitySentence(qualityFlags) +
      lateArrivalSentence(reading.measuredAt, now),
    guidance: GUIDANCE.niceNg136,
    qualityFlags,
  };
};
