import type { Member } from '../member.js';

/** Looks a member up by id: all that raising a staff task needs (so a sync worker bundles no more). */
export interface MemberReader {
  getMember(memberId: string): Promise<Member | undefined>;
}
