export interface Member {
  memberId: string;
  name: string;
  /** IANA zone, e.g. Europe/London. Local days and device clocks are read in it. */
  timezone: string;
  createdAt: string;
}
