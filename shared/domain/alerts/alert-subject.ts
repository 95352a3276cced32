/** Who an alert is about: what the rules need of a Member. */
export interface AlertSubject {
  memberId: string;
  name?: string;
  /** IANA zone; local dates and times in alerts are read in it. */
  timezone: string;
}
