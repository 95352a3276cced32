import type { Clock } from '../clock.js';
import type { AuditLog } from '../ports/audit-log.js';
import { type InvitationProblem, invitationProblem } from './invitation.js';
import type { InvitationStore } from './invitation-store.js';

export type CancelOutcome =
  | { cancelled: true; invitationId: string; memberId: string; cancelledAt: string }
  | { cancelled: false; invitationId: string; reason: InvitationProblem };

/**
 * Cancels an invitation staff sent by mistake or to the wrong number (`pulse-relay link cancel`).
 * 1. Refuse unknown, used, already cancelled or expired invitations (nothing to cancel; said which).
 * 2. Mark it cancelled and drop any attempt in progress, so its Google callback cannot complete.
 * 3. Audit who cancelled it.
 */
export const cancelInvitation = async (
  invitationId: string,
  by: string,
  deps: { invitations: InvitationStore; audit: AuditLog; clock: Clock },
): Promise<CancelOutcome> => {
  const now = deps.clock.now();
  const invitation = await deps.invitations.getInvitation(invitationId);
  const problem = invitationProblem(invitation, now);
  if (invitation === undefined || problem !== undefined) {
    return { cancelled: false, invitationId, reason: problem ?? 'not-found' };
  }
  if (!(await deps.invitations.cancelInvitation(invitationId, now))) {
    const later = invitationProblem(await deps.invitations.getInvitation(invitationId), deps.clock.now());
    return { cancelled: false, invitationId, reason: later ?? 'used' };
  }
  const cancelledAt = now.toISOString();
  await deps.audit.record({
    memberId: invitation.memberId,
    action: 'invitation-cancelled',
    at: cancelledAt,
    by,
    subjectId: invitationId,
  });
  return { cancelled: true, invitationId, memberId: invitation.memberId, cancelledAt };
};
