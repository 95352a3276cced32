import type { Alert } from '../alert.js';
import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { evaluateBpLow } from './bp-low.js';
import { evaluateBpSevere } from './bp-severe.js';
import type { ReadingFacts } from './reading-facts.js';
import { evaluateRestingHeartRate } from './resting-hr-out-of-band.js';
import { evaluateSpo2Urgent } from './spo2-urgent.js';
import { evaluateSpo2Watch } from './spo2-watch.js';

/**
 * Runs every rule that applies to one stored reading. Pure: the same reading, member, thresholds and time
 * give the same alerts, so a redelivered stream record rebuilds the same alert keys.
 */
export const evaluateReading = (
  reading: ReadingFacts,
  subject: AlertSubject,
  thresholds: Thresholds,
  now: Date,
): Alert[] => {
  const alerts: Array<Alert | undefined> = [];
  switch (reading.metric) {
    case 'blood-pressure':
      alerts.push(evaluateBpSevere(reading, subject, thresholds, now));
      alerts.push(evaluateBpLow(reading, subject, thresholds, now));
      break;
    case 'resting-heart-rate':
      alerts.push(evaluateRestingHeartRate(reading, subject, thresholds, now));
      break;
    case 'daily-oxygen-saturation':
      alerts.push(evaluateSpo2Urgent(reading, subject, thresholds, now));
      alerts.push(evaluateSpo2Watch(reading, subject, thresholds, now));
      break;
    default:
      break;
  }
  return alerts.filter((alert): alert is Alert => alert !== undefined);
};
