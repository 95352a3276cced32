import type { Clock } from '../clock.js';
import type { TeamMove } from '../member.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import { teamIdSchema } from '../teams/team-id.js';
import * as z from '../zod-mini.js';
import { UnknownMemberError } from './register-device.js';

export const moveMemberInputSchema = z.strictObject({
  memberId: z.string().check(z.trim(), z.minLength(1, 'must not be empty')),
  teamId: teamIdSchema,
  movedBy: z.string().check(z.trim(), z.minLength(1, 'must name who made the change'), z.maxLength(200)),
});

export class MemberAlreadyInTeamError extends Error {
  constructor(
    readonly memberId: string,
    readonly teamId: string,
  ) {
    super(`Member ${memberId} is already in team ${teamId}`);
    this.name = 'MemberAlreadyInTeamError';
  }
}

/**
 * Moves a member to another care team. Who sees the member and where their alerts go follow the team, so
 * every move is recorded with who made it and when.
 * 1. Validate the input; the member must exist and not already be in that team.
 * 2. Change the team and write the audit record in one transaction, conditional on the team read in step 1.
 */
export const moveMember = async (
  input: z.input<typeof moveMemberInputSchema>,
  deps: { directory: MemberDirectory; clock: Clock },
): Promise<TeamMove> => {
  const { memberId, teamId, movedBy } = moveMemberInputSchema.parse(input);
  const member = await deps.directory.getMember(memberId);
  if (member === undefined) throw new UnknownMemberError(memberId);
  if (member.teamId === teamId) throw new MemberAlreadyInTeamError(memberId, teamId);
  const move: TeamMove = {
    memberId,
    ...(member.teamId === undefined ? {} : { fromTeamId: member.teamId }),
    toTeamId: teamId,
    movedBy,
    movedAt: deps.clock.now().toISOString(),
  };
  await deps.directory.moveMemberToTeam(move);
  return move;
};
