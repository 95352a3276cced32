import type { SyncWindow } from '../google-health/sync-window.js';
import type { WearableReading } from '../wearable-reading.js';

/** One data type's window as a provider holds it, already in the project's own shape. */
export interface WearableWindow {
  /** Every reading in the window, normalised (shared/domain/wearable-reading.ts). */
  readings: WearableReading[];
  /**
   * The newest time (UTC ISO) the window's data was filtered on, for the cursor; undefined when the
   * window held nothing. Data the provider has not finished (an unprocessed sleep session) does not count.
   */
  newestDataAt?: string;
  /**
   * What of the window's sparse data still exists upstream, for noticing deletions, by the identity a
   * stored reading is matched on (see upstreamIdentityOf): the member-local date of a daily summary,
   * otherwise the start (UTC ISO) of the reading. Includes items not stored yet (a sleep session still
   * being processed), so a reading is only deleted when the provider really no longer has it.
   */
  upstreamIdentities: ReadonlySet<string>;
}

/**
 * Port: a member's wearable provider. Everything upstream holds for one member, type and window, all
 * pages read, validated and normalised: the provider's wire format never leaves its adapter.
 */
export interface WearableSource {
  fetchWindow(memberId: string, window: SyncWindow, timeZone: string): Promise<WearableWindow>;
  /**
   * The newest time (UTC ISO) in [startTime, endTime) at which the member's tracker recorded data while
   * worn, or undefined when it recorded none. Manual entries never count (see wear-evidence.ts).
   */
  newestWornTime(
    memberId: string,
    range: { startTime: string; endTime: string },
  ): Promise<string | undefined>;
}
