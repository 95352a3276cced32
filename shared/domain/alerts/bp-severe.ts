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
 * bp-severe: one reading with systolic >= severeSystolic OR diastolic >= severeDiastolic (NICE NG136: 180/120).
 * Urgent, asking the team to contact the member and review. Never a diagnosis: NICE's same-day referral
 * needs a clinic reading plus clinical signs, which a home reading alone cannot meet.
 * Episode: the member-local date of the reading, so later severe readings that day do not send again.
 */
export const evaluateBpSevere = (
  reading: BloodPressureFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert | undefined => {
  const { severeSystolic, severeDiastolic } = thresholds.bloodPressure;
  if (reading.systolic < severeSystolic && reading.diastolic < severeDiastolic) {
    return undefined;
  }
  const qualityFlags = qualityFlagsOf(reading.status, reading);
  const when = localTimeLabel(reading.measuredAt, subject.timezone);
  return newAlert({
    subject,
    rule: 'bp-severe',
    severity: 'urgent',
    episode: localDateOf(reading.measuredAt, subject.timezone),
    raisedAt: now,
    readings: [
      {
        metric: reading.metric,
        measuredAt: reading.measuredAt,
        values: { systolic: reading.systolic, diastolic: reading.diastolic },
        source: reading.provenance.source,
      },
    ],
    thresholds: { severeSystolic, severeDiastolic },
    explanation:
      `A home blood pressure reading of ${reading.systolic}/${reading.diastolic} mmHg at ${when} is at or above ` +
      `the severe level of ${severeSystolic}/${severeDiastolic}. Please contact the member and review; ` +
      'a single home reading cannot confirm severe hypertension on its own.' +
      qualitySentence(qualityFlags) +
      lateArrivalSentence(reading.measuredAt, now),
    guidance: GUIDANCE.niceNg136,
    qualityFlags,
  });
};
