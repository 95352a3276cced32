import type { Device } from '../../../../shared/domain/device.js';
import type { Member, TeamMove } from '../../../../shared/domain/member.js';
import {
  type MemberDirectory,
  MemberTeamChangedError,
} from '../../../../shared/domain/ports/member-directory.js';

/** Same contract as DynamoDbMemberDirectory: never overwrites, moves conditional on the team read. */
export class InMemoryMemberDirectory implements MemberDirectory {
  readonly members = new Map<string, Member>();
  readonly devices = new Map<string, Device>();
  readonly moves: TeamMove[] = [];

  async createMember(member: Member): Promise<void> {
    if (this.members.has(member.memberId)) throw new Error(`Member ${member.memberId} already exists`);
    this.members.set(member.memberId, { ...member });
  }

  async getMember(memberId: string): Promise<Member | undefined> {
    const member = this.members.get(memberId);
    return member === undefined ? undefined : { ...member };
  }

  async listMembers(): Promise<Member[]> {
    return [...this.members.values()];
  }

  async registerDevice(device: Device): Promise<void> {
    this.devices.set(device.deviceId, device);
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    return this.devices.get(deviceId);
  }

  async moveMemberToTeam(move: TeamMove): Promise<void> {
    const member = this.members.get(move.memberId);
    if (member === undefined || member.teamId !== move.fromTeamId)
      throw new MemberTeamChangedError(move.memberId);
    this.members.set(move.memberId, { ...member, teamId: move.toTeamId });
    this.moves.push(move);
  }

  async listTeamMoves(memberId: string): Promise<TeamMove[]> {
    return this.moves.filter((move) => move.memberId === memberId);
  }
}
