import type { AuditLog } from '../ports/audit-log.js';
import type { CareTeamRoster, TeamMember } from '../ports/care-team-roster.js';
import type { StaffMember } from './staff-member.js';

/**
 * The staff user may not see this member: another team's member, or no such member. Both look the
 * same from outside, so the refusal does not reveal whether the member exists.
 */
export class MemberAccessDeniedError extends Error {
  constructor(
    readonly staffEmail: string,
    readonly memberId: string,
  ) {
    super('You do not have access to this member');
    this.name = 'MemberAccessDeniedError';
  }
}

export const canSeeTeam = (staff: StaffMember, teamId: string): boolean => staff.teams.includes(teamId);

/**
 * Checks a staff user may see a member before anything about the member is read.
 * 1. Look up the member's team.
 * 2. Refuse (and audit the refusal) unless the staff user works in that team.
 */
export const authoriseMemberAccess = async (
  staff: StaffMember,
  memberId: string,
  deps: { roster: CareTeamRoster; audit: AuditLog; now: () => Date; requestId: string },
): Promise<TeamMember> => {
  const member = await deps.roster.teamMember(memberId);
  if (member === undefined || !canSeeTeam(staff, member.teamId)) {
    await deps.audit.record({
      memberId,
      action: 'member-access-refused',
      at: deps.now().toISOString(),
      by: staff.email,
      requestId: deps.requestId,
    });
    throw new MemberAccessDeniedError(staff.email, memberId);
  }
  return member;
};
