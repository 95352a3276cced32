import { DATA_TYPE_SPECS, GOOGLE_HEALTH_DATA_TYPES, type GoogleHealthDataType } from './data-types.js';
import { CURSOR_OVERLAP_MS } from './sync-window.js';

const DAY_MS = 86_400_000;

export type SyncStrategy =
  /** Poll every type on a fixed interval, whether or not anything changed. */
  | { kind: 'polling'; everyMinutes: number }
  /** Sync only the notified types when a webhook arrives, plus catch-up syncs of every type. */
  | {
      kind: 'webhook';
      notificationsPerDay: Partial<Record<GoogleHealthDataType, number>>;
      catchUpsPerDay?: number;
    };

export interface SyncRequestPlan {
  /** Google API requests per member per day. */
  total: number;
  byType: Record<GoogleHealthDataType, number>;
}

/** Pages for one sync of a type that runs `syncsPerDay` times, spread evenly over the day. */
const pagesPerDay = (dataType: GoogleHealthDataType, pointsPerDay: number, syncsPerDay: number): number => {
  if (syncsPerDay <= 0) return 0;
  const spec = DATA_TYPE_SPECS[dataType];
  let pages = 0;
  for (let sync = 1; sync <= syncsPerDay; sync += 1) {
    // Dense types re-read the member-local day so far; the others read since the last sync plus the overlap.
    const share = spec.dense ? sync / syncsPerDay : Math.min(1, 1 / syncsPerDay + CURSOR_OVERLAP_MS / DAY_MS);
    pages += Math.max(1, Math.ceil((pointsPerDay * share) / spec.pageSize));
  }
  return pages;
};

/**
 * Estimates Google API requests per member-day for a sync strategy, from how many points each type yields
 * a day (e.g. heart rate every 5 s = 17280). Pure, for the benchmark; measured counts come from
 * GoogleHealthDataClient.requestCount(memberId) or the simulator's request log.
 */
export const planSyncRequests = (
  pointsPerDay: Partial<Record<GoogleHealthDataType, number>>,
  strategy: SyncStrategy,
): SyncRequestPlan => {
  const byType = {} as Record<GoogleHealthDataType, number>;
  for (const dataType of GOOGLE_HEALTH_DATA_TYPES) {
    const points = pointsPerDay[dataType] ?? 0;
    const syncs =
      strategy.kind === 'polling'
        ? Math.round((24 * 60) / strategy.everyMinutes)
        : (strategy.notificationsPerDay[dataType] ?? 0) + (strategy.catchUpsPerDay ?? 0);
    byType[dataType] = pagesPerDay(dataType, points, syncs);
  }
  return { total: Object.values(byType).reduce((sum, count) => sum + count, 0), byType };
};
