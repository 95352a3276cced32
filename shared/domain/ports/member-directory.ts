import type { Member, TeamMove } from '../member.js';
import type { MemberReader } from './member-reader.js';

export interface MemberDirectory extends MemberReader {
  createMember(member: Member): Promise<void>;
  listMembers(): Promise<Member[]>;
  /**
   * Moves a member to another team and records the move, atomically. Fails with
   * MemberTeamChangedError if the member's team is no longer `move.fromTeamId` (a concurrent move).
   */
  moveMemberToTeam(move: TeamMove): Promise<void>;
  /** The member's team moves, oldest first. */
  listTeamMoves(memberId: string): Promise<TeamMove[]>;
}

export class MemberTeamChangedError extends Error {
  constructor(readonly memberId: string) {
    super(`Member ${memberId} was moved to another team meanwhile; check their team and try again`);
    this.name = 'MemberTeamChangedError';
  }
}
