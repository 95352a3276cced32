export interface Member {
  memberId: string;
  name: string;
  /** IANA zone, e.g. Europe/London. Local days and device clocks are read in it. */
  timezone: string;
  createdAt: string;
  /** When the member's first blood-pressure monitor was registered; drives the bp-no-readings check. */
  bloodPressureMonitorSince?: string;
  /**
   * The care team the member belongs to: its staff see the member and receive its alerts. Absent only on
   * members enrolled before teams existed; such a member is seen by no staff until moved to a team.
   */
  teamId?: string;
  /**
   * Set by `member erase` before it removes anything (and kept with a retained clinical record): the member
   * has left. Nothing new is raised, resolved or accepted for them (shared/domain/members/member-left.ts).
   */
  erasureRequestedAt?: string;
}

/** One change of a member's care team, kept as an audit record (who moved them, when, from where). */
export interface TeamMove {
  memberId: string;
  fromTeamId?: string;
  toTeamId: string;
  movedBy: string;
  movedAt: string;
}
