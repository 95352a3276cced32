/** What erasing a member's record removed, by kind. */
export interface ErasedRecord {
  readings: number;
  /** Bucket items of dense data and daily summaries: DAY# (steps, summaries) and HOUR# (samples) items. */
  dayBuckets: number;
  alerts: number;
  /** Items of the member's own directory partition by kind: profile, thresholds, link, activity... */
  memberItems: Record<string, number>;
}

/**
 * Deletes a member's data by key prefix, so item kinds added later under the same prefixes go too:
 * every readings partition of the member, the member's alerts partition and directory partition, and
 * the devices indexed under the member.
 */
export interface MemberRecordEraser {
  /**
   * First step of every erasure: marks the profile as leaving (erasureRequestedAt, kept if already set) and
   * takes it off the members index, so work still in flight for the member stops before anything is
   * deleted. False when there is no profile.
   */
  beginErasure(memberId: string, at: string): Promise<boolean>;
  deleteDevices(memberId: string): Promise<number>;
  deleteRecord(memberId: string): Promise<ErasedRecord>;
  /**
   * Keeps the clinical record but takes the member off every working list; records until when it is kept
   * unless an earlier run already did. Returns that date, or undefined when there is no profile.
   */
  retainRecord(memberId: string, retainUntil: string, at: string): Promise<string | undefined>;
}
