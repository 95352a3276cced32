import type { Member } from '../member.js';

export interface TeamMember extends Member {
  teamId: string;
}

/** Which care team each member belongs to (set by `member create --team` / `member move`). */
export interface CareTeamRoster {
  /** The member with their team, or undefined when the member does not exist or has no team. */
  teamMember(memberId: string): Promise<TeamMember | undefined>;
  /** Every member of any of these teams. */
  membersOf(teamIds: readonly string[]): Promise<TeamMember[]>;
}
