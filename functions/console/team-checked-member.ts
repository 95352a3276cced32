import type { AuditAction } from '../../shared/domain/audit-record.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';
import type { CareTeamRoster, TeamMember } from '../../shared/domain/ports/care-team-roster.js';
import { authoriseMemberAccess, MemberAccessDeniedError } from '../../shared/domain/staff/member-access.js';
import * as z from '../../shared/domain/zod-mini.js';
import type { HttpResult } from '../../shared/runtime/http/http-handler.js';
import { problemPage } from './pages/layout.js';
import type { Signed } from './signed-in-staff.js';

/** The team check and the audit trail: what every console function that touches a member needs. */
export interface MemberAccessDeps {
  roster: CareTeamRoster;
  audit: AuditLog;
  clock: Clock;
}

export const memberIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

export const refused = (signed: Signed): HttpResult =>
  problemPage(403, 'No access', 'This member is not in your care teams, or does not exist.', signed.chrome);

/** The member, after the team check and before anything about them is read; refusals are audited. */
export const teamCheckedMember = async (
  deps: MemberAccessDeps,
  signed: Signed,
  memberId: string,
  requestId: string,
): Promise<TeamMember | undefined> => {
  if (!memberIdSchema.safeParse(memberId).success) return undefined;
  try {
    return await authoriseMemberAccess(signed.staff, memberId, {
      roster: deps.roster,
      audit: deps.audit,
      now: () => deps.clock.now(),
      requestId,
    });
  } catch (error) {
    if (error instanceof MemberAccessDeniedError) return undefined;
    throw error;
  }
};

/** Who did what to which member, and in which request. */
export const auditStaffAction = (
  deps: MemberAccessDeps,
  signed: Signed,
  memberId: string,
  action: AuditAction,
  requestId: string,
  extra: { subjectId?: string; details?: Record<string, string | number> } = {},
) =>
  deps.audit.record({
    memberId,
    action,
    at: deps.clock.now().toISOString(),
    by: signed.staff.email,
    requestId,
    ...extra,
  });
