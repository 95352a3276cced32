import { MemberAlreadyExistsError } from '../../shared/adapters/dynamodb-member-directory.js';
import type { Member, TeamMove } from '../../shared/domain/member.js';
import { type MemberDirectory, MemberTeamChangedError } from '../../shared/domain/ports/member-directory.js';

/**
 * The in-memory twin of DynamoDbMemberDirectory: create-if-absent, listed in creation order, team moves
 * conditional on the team last read.
 * test/contracts/member-directory.contract.ts runs against both.
 */
export class InMemoryMemberDirectory implements MemberDirectory {
  readonly members = new Map<string, Member>();
  readonly moves: TeamMove[] = [];

  constructor(...members: Member[]) {
    for (const member of members) this.members.set(member.memberId, structuredClone(member));
  }

  async createMember(member: Member): Promise<void> {
    if (this.members.has(member.memberId)) throw new MemberAlreadyExistsError(member.memberId);
    this.members.set(member.memberId, structuredClone(member));
  }

  async getMember(memberId: string): Promise<Member | undefined> {
    const member = this.members.get(memberId);
    return member === undefined ? undefined : structuredClone(member);
  }

  async listMembers(): Promise<Member[]> {
    return [...this.members.values()]
      .sort((a, b) => `${a.createdAt}#${a.memberId}`.localeCompare(`${b.createdAt}#${b.memberId}`))
      .map((member) => structuredClone(member));
  }

  /** The first registered blood-pressure monitor starts the member's bp-no-readings clock (never moved later). */
  startMonitoring(memberId: string, at: string): void {
    const member = this.members.get(memberId);
    if (member !== undefined && member.bloodPressureMonitorSince === undefined) {
      member.bloodPressureMonitorSince = at;
    }
  }

  async moveMemberToTeam(move: TeamMove): Promise<void> {
    const member = this.members.get(move.memberId);
    if (member === undefined || member.teamId !== move.fromTeamId) {
      throw new MemberTeamChangedError(move.memberId);
    }
    this.members.set(move.memberId, { ...member, teamId: move.toTeamId });
    this.moves.push(structuredClone(move));
  }

  async listTeamMoves(memberId: string): Promise<TeamMove[]> {
    return this.moves
      .filter((move) => move.memberId === memberId)
      .sort((a, b) => a.movedAt.localeCompare(b.movedAt))
      .map((move) => structuredClone(move));
  }
}
