import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { LOW_BP_ADVICE } from './care-advice.js';
import type { Finding } from './finding.js';
import { GUIDANCE } from './guidance.js';
import { lateArrivalSentence } from './late-arrival.js';
import { localTimeLabel } from './local-time.js';
import { qualityFlagsOf, qualitySentence } from './quality-flags.js';
import type { BloodPressureFacts } from './reading-facts.js';

/**
 * bp-low: systolic < lowSystolic (default 90) OR diastolic < lowDiastolic (default 60), the 90/60 of the
 * secondary sources, when enabled for the member. Watch, one tier.
 */
export const evaluateBpLow = (
  reading: BloodPressureFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Finding | undefined => {
  const { lowSystolicEnabled, lowSystolic, lowDiastolic } = thresholds.bloodPressure;
  const systolicLow = reading.systolic < lowSystolic;
  const diastolicLow = reading.diastolic < lowDiastolic;
  if (!lowSystolicEnabled || (!systolicLow && !diastolicLow)) {
    return undefined;
  }
  const qualityFlags = qualityFlagsOf(reading.status);
  const when = localTimeLabel(reading.measuredAt, subject.timezone);
  const crossed = [
    systolicLow ? `the top number (systolic, ${reading.systolic}) is below ${lowSystolic}` : '',
    diastolicLow ? `the bottom number (diastolic, ${reading.diastolic}) is below ${lowDiastolic}` : '',
  ]
    .filter((part) => part !== '')
    .join(' and ');
  return {
    rule: 'bp-low',
    condition: 'bp-low',
    severity: 'watch',
    tier: 1,
    rank: Math.max(lowSystolic - reading.systolic, lowDiastolic - reading.diastolic),
    reading: {
      metric: reading.metric,
      measuredAt: reading.measuredAt,
      values: { systolic: reading.systolic, diastolic: reading.diastolic },
      source: reading.provenance.source,
    },
    thresholds: { lowSystolic, lowDiastolic },
    explanation:
      `Low home blood pressure: ${reading.systolic}/${reading.diastolic} mmHg at ${when}; ${crossed}. ` +
      LOW_BP_ADVICE +
      qualitySentence(qualityFlags) +
      lateArrivalSentence(reading.measuredAt, now),
    guidance: GUIDANCE.lowBloodPressure,
    qualityFlags,
  };
};
