import type { DataPointBatch } from './normalise-data-points.js';
import type { SyncWindow } from './sync-window.js';

/** Port: everything upstream holds for one member, type and window, all pages read, validated. */
export interface HealthDataSource {
  fetchWindow(memberId: string, window: SyncWindow): Promise<DataPointBatch>;
}
