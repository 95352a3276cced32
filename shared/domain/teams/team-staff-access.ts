import type { MemberDirectory } from '../ports/member-directory.js';
import type { StaffAccess, StaffPrincipal } from '../ports/staff-access.js';

/**
 * Staff see the members of their own teams only. An unknown member and another team's member get the same
 * answer, so a refusal leaks nothing about whether the member exists.
 */
export const teamStaffAccess = (directory: Pick<MemberDirectory, 'getMember'>): StaffAccess => ({
  canViewMember: async (principal: StaffPrincipal, memberId: string) => {
    const member = await directory.getMember(memberId);
    return member?.teamId !== undefined && principal.teamIds.includes(member.teamId);
  },
});
