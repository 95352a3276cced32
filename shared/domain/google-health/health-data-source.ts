import type { DataPointBatch } from '../../adapters/google-health/normalise-data-points.js';
import type { SyncWindow } from './sync-window.js';

/** Port: everything upstream holds for one member, type and window, all pages read, validated. */
export interface HealthDataSource {
  fetchWindow(memberId: string, window: SyncWindow): Promise<DataPointBatch>;
  /**
   * The newest time (UTC ISO) in [startTime, endTime) at which a Google or Fitbit tracker recorded data
   * while worn, or undefined when it recorded none. Manual entries never count (see wear-evidence.ts).
   */
  newestWornTime(
    memberId: string,
    range: { startTime: string; endTime: string },
  ): Promise<string | undefined>;
}
