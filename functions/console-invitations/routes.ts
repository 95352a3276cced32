import type { Logger } from '@aws-lambda-powertools/logger';
import { createInvitation } from '../../shared/domain/link/create-invitation.js';
import type { InvitationStore } from '../../shared/domain/link/invitation-store.js';
import { MemberLeftError } from '../../shared/domain/members/member-left.js';
import type { MemberReader } from '../../shared/domain/ports/member-reader.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';
import { checkedForm } from '../console/console-form.js';
import { invitationBody } from '../console/pages/invitation-page.js';
import { consolePage, pageNotFound, problemPage } from '../console/pages/layout.js';
import { requestPath, type SessionDeps, type Signed, signedInStaff } from '../console/signed-in-staff.js';
import {
  auditStaffAction,
  type MemberAccessDeps,
  refused,
  teamCheckedMember,
} from '../console/team-checked-member.js';
import { qrCodeSvg } from './qr-code-svg.js';

export interface InvitationDeps extends SessionDeps, MemberAccessDeps {
  directory: MemberReader;
  invitations: InvitationStore;
  /** Public base URL of the API: invitation links are under it. */
  publicBaseUrl: string;
  logger: Logger;
}

/**
 * POST /console/members/<memberId>/invitations: a single-use Fitbit link invitation for a member of the
 * staff user's team, shown as a QR code to scan from the screen; needs the session's CSRF token; audited.
 */
export const createInvitationRoute =
  (deps: InvitationDeps): HttpRoute =>
  async (event) => {
    const who = await signedInStaff(deps, event);
    if ('refusal' in who) return who.refusal;
    const { signed } = who;
    const checked = checkedForm(event, signed, deps.logger);
    if ('refusal' in checked) return checked.refusal;
    const invite = /^\/console\/members\/([^/]+)\/invitations$/.exec(requestPath(event));
    if (invite?.[1] === undefined) {
      return pageNotFound(signed.chrome);
    }
    return createLinkInvitation(deps, signed, invite[1], event.requestContext.requestId);
  };

const createLinkInvitation = async (
  deps: InvitationDeps,
  signed: Signed,
  rawMemberId: string,
  requestId: string,
): Promise<HttpResult> => {
  const member = await teamCheckedMember(deps, signed, decodeURIComponent(rawMemberId), requestId);
  if (member === undefined) return refused(signed);
  let invitation: Awaited<ReturnType<typeof createInvitation>>;
  try {
    invitation = await createInvitation(member.memberId, {
      directory: deps.directory,
      invitations: deps.invitations,
      clock: deps.clock,
      publicBaseUrl: deps.publicBaseUrl,
    });
  } catch (error) {
    if (!(error instanceof MemberLeftError)) throw error;
    // Kept clinical record after `member erase`: staff see why, not a server error.
    return problemPage(
      409,
      'This member has left',
      `${member.name} has left the programme (erasure requested ${error.erasureRequestedAt.slice(0, 10)}), so no Fitbit can be linked for them.`,
      signed.chrome,
    );
  }
  await auditStaffAction(deps, signed, member.memberId, 'link-invitation-created', requestId, {
    subjectId: invitation.invitationId,
  });
  return consolePage(
    201,
    `Fitbit link for ${member.name}`,
    invitationBody({
      memberName: member.name,
      memberId: member.memberId,
      url: invitation.url,
      expiresAt: invitation.expiresAt,
      qrSvg: qrCodeSvg(invitation.url),
    }),
    signed.chrome,
    [signed.cookie],
  );
};
