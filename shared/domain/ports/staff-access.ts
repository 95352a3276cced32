/** A signed-in staff user, as the request's authoriser names them. */
export interface StaffPrincipal {
  staffId: string;
  /** The care teams the staff user belongs to. */
  teamIds: string[];
}

/** Decides whether a staff user may see a member's data. Every console, API and export request asks it. */
export interface StaffAccess {
  canViewMember(principal: StaffPrincipal, memberId: string): Promise<boolean>;
}
