import type { Alert } from '../alert.js';
import { relinkGuidance } from './guidance.js';
import { localDateOf, localTimeLabel } from './local-time.js';
import { newAlert } from './new-alert.js';

export interface RelinkAlertInput {
  memberId: string;
  memberName?: string;
  /** When the sync found the link no longer works (UTC ISO). */
  detectedAt: string;
  /** The member's IANA zone. */
  timezone: string;
}

/**
 * link-needs-relink: a staff task, never a message to the member. One open task per member (its
 * condition holds the open slot), so a sync that keeps failing raises one task; the follow-up schedule
 * re-sends it weekly until the member re-links, and the catch-up schedule resolves it once the link works.
 * Episode: the member-local date it was detected.
 */
export const buildRelinkAlert = (input: RelinkAlertInput): Alert =>
  newAlert({
    subject: {
      memberId: input.memberId,
      ...(input.memberName === undefined ? {} : { name: input.memberName }),
      timezone: input.timezone,
    },
    rule: 'link-needs-relink',
    severity: 'staff-task',
    episode: localDateOf(input.detectedAt, input.timezone),
    raisedAt: new Date(input.detectedAt),
    readings: [],
    thresholds: {},
    explanation:
      `The member's wearable link stopped working at ${localTimeLabel(input.detectedAt, input.timezone)}, so ` +
      'no new wearable data can arrive. What to do: help the member re-link their account at their next ' +
      'contact, within a week. This is a task for staff: please do not send the member an automated message.',
    guidance: relinkGuidance,
  });
