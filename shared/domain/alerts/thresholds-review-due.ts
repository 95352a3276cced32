import type { Alert } from '../alert.js';
import type { ThresholdChange } from '../ports/threshold-store.js';
import type { AlertSubject } from './alert-subject.js';
import { GUIDANCE } from './guidance.js';
import { localDateLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

/**
 * thresholds-review-due: the member's threshold overrides have passed their review date. A staff task, checked
 * by the weekly-summary schedule (so at most a week late). Episode: the review date; a new change sets a new
 * date, so a later expiry raises a new task.
 */
export const evaluateThresholdsReview = (
  current: ThresholdChange | undefined,
  today: string,
  subject: AlertSubject,
  now: Date,
): Alert | undefined => {
  if (current === undefined || current.reviewBy > today) return undefined;
  return newAlert({
    subject,
    rule: 'thresholds-review-due',
    severity: 'staff-task',
    episode: current.reviewBy,
    raisedAt: now,
    readings: [],
    thresholds: {},
    explanation:
      `This member's alert thresholds were changed by ${current.setBy} on ${localDateLabel(current.setAt.slice(0, 10))} ` +
      `("${current.reason}") and were due for review on ${localDateLabel(current.reviewBy)}. Please ask the ` +
      "member's clinician to confirm or change them (`thresholds set`), or return them to the defaults.",
    guidance: GUIDANCE.thresholdReview,
  });
};
