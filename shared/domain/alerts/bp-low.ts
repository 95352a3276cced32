import type { Alert } from '../alert.js';
import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { lateArrivalSentence } from './late-arrival.js';
import { localDateOf, localTimeLabel } from './local-time.js';
import { newAlert } from './new-alert.js';
import { qualityFlagsOf, qualitySentence } from './quality-flags.js';
import type { BloodPressureFacts } from './reading-facts.js';

/**
 * bp-low: systolic < lowSystolic (default 90, secondary sources), when enabled for the member. Watch.
 * Episode: the member-local date of the reading.
 */
export const evaluateBpLow = (
  reading: BloodPressureFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert | undefined => {
  const { lowSystolicEnabled, lowSystolic } = thresholds.bloodPressure;
  if (!lowSystolicEnabled || reading.systolic >= lowSystolic) {
    return undefined;
  }
  const qualityFlags = qualityFlagsOf(reading.status, reading);
  const when = localTimeLabel(reading.measuredAt, subject.timezone);
  return newAlert({
    subject,
    rule: 'bp-low',
    severity: 'watch',
    episode: localDateOf(reading.measuredAt, subject.timezone),
    raisedAt: now,
    readings: [
      {
        metric: reading.metric,
        measuredAt: reading.measuredAt,
        values: { systolic: reading.systolic },
        source: reading.provenance.source,
      },
    ],
    thresholds: { lowSystolic },
    explanation:
      `A home blood pressure reading of ${reading.systolic}/${reading.diastolic} mmHg at ${when} has a systolic ` +
      `value below ${lowSystolic}. Please check in with the member, for example about dizziness or fainting, ` +
      'and review.' +
      qualitySentence(qualityFlags) +
      lateArrivalSentence(reading.measuredAt, now),
    guidance: GUIDANCE.lowBloodPressure,
    qualityFlags,
  });
};
