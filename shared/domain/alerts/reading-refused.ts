import { createHash } from 'node:crypto';
import type { Alert } from '../alert.js';
import type { Thresholds } from '../thresholds.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { localDateOf, localTimeLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

export interface RefusedItem {
  /** Position in the upload, for the explanation. */
  index: number;
  /** Why it was refused, as the upload response says it. */
  reason: string;
  /** What the item carried, in mmHg. */
  systolic: number;
  diastolic: number;
}

export interface RefusedReadingContext {
  subject: AlertSubject;
  deviceId: string;
  receivedAt: Date;
  thresholds: Thresholds;
}

/**
 * reading-refused: an uploaded item that could not be stored, whose systolic or diastolic would itself be at or
 * above the member's severe level. A staff task: a possibly severe reading must never vanish in a refusal.
 * Episode: the device, the member-local date of receipt and a digest of the reason and values. A client
 * retrying the same upload that day raises nothing new; the same fault on another day raises a new task.
 * The digest keeps health values out of the key, which is logged.
 */
export const evaluateRefusedReading = (
  item: RefusedItem,
  context: RefusedReadingContext,
): Alert | undefined => {
  const { severeSystolic, severeDiastolic } = context.thresholds.bloodPressure;
  const systolicSevere = item.systolic >= severeSystolic;
  const diastolicSevere = item.diastolic >= severeDiastolic;
  if (!systolicSevere && !diastolicSevere) return undefined;
  const receivedIso = context.receivedAt.toISOString();
  const digest = createHash('sha256')
    .update(`${item.reason}#${item.systolic}/${item.diastolic}`)
    .digest('hex')
    .slice(0, 16);
  const which =
    systolicSevere && diastolicSevere
      ? `both the top number (systolic ${item.systolic}) and the bottom number (diastolic ${item.diastolic})`
      : systolicSevere
        ? `the top number (systolic ${item.systolic})`
        : `the bottom number (diastolic ${item.diastolic})`;
  return newAlert({
    subject: context.subject,
    rule: 'reading-refused',
    severity: 'staff-task',
    episode: `${context.deviceId}#${localDateOf(receivedIso, context.subject.timezone)}#${digest}`,
    raisedAt: context.receivedAt,
    readings: [
      {
        metric: 'blood-pressure',
        measuredAt: receivedIso,
        values: { systolic: item.systolic, diastolic: item.diastolic },
        source: 'refused-upload',
      },
    ],
    thresholds: { severeSystolic, severeDiastolic },
    explanation:
      `The member's blood pressure monitor sent a reading of ${item.systolic}/${item.diastolic} mmHg at ` +
      `${localTimeLabel(receivedIso, context.subject.timezone)} that could not be stored, because: ${item.reason}. ` +
      `In it, ${which} is at or above the severe level of ${severeSystolic}/${severeDiastolic}. ` +
      'The value may be a fault, but it may be real: please contact the member today to ask how they are and ' +
      'to take a new reading, and ask whoever looks after the monitor or its app to check it.',
    guidance: GUIDANCE.refusedReading,
  });
};
