import type { Member } from '../member.js';

/** Members one page at a time, for schedules that visit everyone without holding every member at once. */
export interface MemberPages {
  listMembersPage(cursor?: string, limit?: number): Promise<{ members: Member[]; cursor?: string }>;
}
