export interface Member {
  memberId: string;
  name: string;
  /** IANA zone, e.g. Europe/London. Local days and device clocks are read in it. */
  timezone: string;
  createdAt: string;
  /** When the member's first blood-pressure monitor was registered; drives the bp-no-readings check. */
  bloodPressureMonitorSince?: string;
}
