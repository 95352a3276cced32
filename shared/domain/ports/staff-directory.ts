import type { StaffMember } from '../staff/staff-member.js';

/** Staff users and their teams. */
export interface StaffDirectory {
  getStaff(email: string): Promise<StaffMember | undefined>;
  /** Creates the person if absent (with this name), then adds the team; adding a team twice is a no-op. */
  addToTeam(input: { email: string; name: string; teamId: string }): Promise<StaffMember>;
  removeFromTeam(input: { email: string; teamId: string }): Promise<StaffMember | undefined>;
  listStaff(): Promise<StaffMember[]>;
}
