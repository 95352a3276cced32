/** The state of a member's Google Health link. One per member. */
export type LinkState = 'linked' | 'needs-relink' | 'unlinked';

export interface WearableLink {
  memberId: string;
  provider: 'google-health';
  state: LinkState;
  healthUserId: string;
  /** Member's IANA zone as read from Google Health settings at link time (falls back to the member's own). */
  timezone: string;
  linkedAt: string;
  /** Per data type: the newest upstream time already synced (UTC ISO). Sync filters from here, less an overlap. */
  cursors: Record<string, string>;
  lastSyncAt?: string;
  lastNotificationAt?: string;
  /** Newest time any wearable data was seen (UTC ISO); drives the no-data alert. */
  lastDataAt?: string;
  /** Data types Google served on the latest sync of each (consent is per scope, so it can be partial). */
  grantedTypes?: string[];
  /** Data types Google refused with 403 on the latest sync of each: the member unticked their scope. */
  refusedTypes?: string[];
}
