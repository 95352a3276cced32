import type { Clock } from '../clock.js';
import { MemberLeftError } from '../members/member-left.js';
import { UnknownMemberError } from '../members/unknown-member-error.js';
import type { MemberReader } from '../ports/member-reader.js';
import { DEFAULT_INVITATION_TTL_HOURS, invitationUrl, newInvitationId } from './invitation.js';
import type { InvitationStore } from './invitation-store.js';

export interface CreatedInvitation {
  invitationId: string;
  url: string;
  expiresAt: string;
}

/**
 * Invites a member to link their Google Health account (`pulse-relay link invite --member ID`).
 * 1. Check the member exists and has not left (member erase, clinical record kept).
 * 2. Store a single-use invitation with a random 128-bit id that expires after `ttlHours`.
 * 3. Return the page address for staff to send.
 */
export const createInvitation = async (
  memberId: string,
  deps: { directory: MemberReader; invitations: InvitationStore; clock: Clock; publicBaseUrl: string },
  ttlHours: number = DEFAULT_INVITATION_TTL_HOURS,
): Promise<CreatedInvitation> => {
  if (!(ttlHours > 0 && ttlHours <= 24 * 14))
    throw new RangeError('ttlHours must be above 0 and at most 336');
  const member = await deps.directory.getMember(memberId);
  if (member === undefined) throw new UnknownMemberError(memberId);
  // A link would restart collection about someone who asked to be erased.
  if (member.erasureRequestedAt !== undefined) throw new MemberLeftError(memberId, member.erasureRequestedAt);
  const now = deps.clock.now();
  const invitationId = newInvitationId();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await deps.invitations.putInvitation({ invitationId, memberId, createdAt: now.toISOString(), expiresAt });
  return { invitationId, url: invitationUrl(deps.publicBaseUrl, invitationId), expiresAt };
};
