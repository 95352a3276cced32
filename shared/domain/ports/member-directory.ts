import type { Member } from '../member.js';

export interface MemberDirectory {
  createMember(member: Member): Promise<void>;
  getMember(memberId: string): Promise<Member | undefined>;
  listMembers(): Promise<Member[]>;
}
