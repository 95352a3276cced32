import type { Alert } from '../alert.js';
import { GUIDANCE } from './guidance.js';
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
 * link-needs-relink: a staff task, never a message to the member. Episode: the member-local date it was
 * detected, so a sync that keeps failing all day raises one task, and a new failure after re-linking
 * on a later day raises a new one.
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
      'no new wearable data can arrive. Please help the member re-link their account at their next contact.',
    guidance: GUIDANCE.relink,
  });
