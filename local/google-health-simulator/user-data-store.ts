import { generateDay } from './data-generator.js';
import type { DataTypeName } from './data-types.js';
import { buildPoint } from './point-builder.js';
import { compareNewestFirst, type SimulatedPoint } from './simulated-point.js';
import type { SimulatedUser } from './simulated-user.js';
import { addDays, civilDateAt, instantOfLocalTime } from './time-zone.js';

interface TypeCache {
  revision: number;
  throughDate: string;
  points: SimulatedPoint[];
}

/** The instants a request's filter reaches (either end open), so only those days are generated. */
export interface InstantRange {
  fromMs?: number;
  toMs?: number;
}

/** Generated points kept in memory at once: a day of 1 Hz heart rate is 86,400, a 5-minute day ~700. */
const MAX_CACHED_POINTS = 400_000;
const MAX_CACHED_LISTINGS = 16;
const SAME_DAY_TYPES: ReadonlySet<DataTypeName> = new Set(['heart-rate', 'steps']);

/**
 * A user's data as the API sees it at an instant: generated days from the start date to tomorrow,
 * plus injected points, minus what has not synced yet. Generated days are cached (they are pure).
 */
export class UserDataStore {
  private readonly days = new Map<string, SimulatedPoint[]>();
  private readonly sorted = new Map<string, TypeCache>();
  private cachedPoints = 0;

  constructor(private readonly seed: number) {}

  /**
   * Everything visible at nowMs, newest first. `range` (from the request's filter) limits which generated
   * days are built; points outside it may still be returned, so the caller filters as before.
   */
  visiblePoints(
    user: SimulatedUser,
    dataType: DataTypeName,
    nowMs: number,
    range: InstantRange = {},
  ): SimulatedPoint[] {
    const cutoffMs = Math.min(nowMs, user.syncStoppedAtMs ?? Number.POSITIVE_INFINITY);
    // Manual entries come from the phone app, so they still arrive when the watch has stopped syncing.
    return this.allPoints(user, dataType, nowMs, range).filter(
      (point) => point.availableAtMs <= (point.manual ? nowMs : cutoffMs),
    );
  }

  private allPoints(
    user: SimulatedUser,
    dataType: DataTypeName,
    nowMs: number,
    range: InstantRange,
  ): SimulatedPoint[] {
    const throughDate = addDays(civilDateAt(user.timezone, nowMs), 1);
    // Sessions, night samples and daily points can be filed under a date their instants do not share,
    // so those take a day either side; heart rate and steps lie within their generated day.
    const margin = SAME_DAY_TYPES.has(dataType) ? 0 : 1;
    const firstDate =
      range.fromMs === undefined
        ? user.dataStartDate
        : maxDate(user.dataStartDate, addDays(civilDateAt(user.timezone, range.fromMs), -margin));
    const lastDate =
      range.toMs === undefined
        ? throughDate
        : minDate(throughDate, addDays(civilDateAt(user.timezone, range.toMs - 1), margin));
    const cacheKey = `${user.userKey}|${dataType}|${firstDate}|${lastDate}`;
    const cached = this.sorted.get(cacheKey);
    if (cached !== undefined && cached.revision === user.revision && cached.throughDate === throughDate) {
      return cached.points;
    }
    const points: SimulatedPoint[] = [];
    if (!user.replacedTypes.has(dataType)) {
      const startMs = instantOfLocalTime(user.timezone, user.dataStartDate, 0);
      for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
        for (const point of this.generatedDay(user, date)) {
          if (point.dataType === dataType && point.startMs >= startMs) points.push(point);
        }
      }
    }
    const byId = new Map(points.map((point) => [point.id, point]));
    for (const input of user.injected.get(dataType) ?? []) {
      const point = buildPoint(user, input);
      byId.set(point.id, point);
    }
    const result = [...byId.values()].sort(compareNewestFirst);
    this.sorted.set(cacheKey, { revision: user.revision, throughDate, points: result });
    while (this.sorted.size > MAX_CACHED_LISTINGS) {
      const oldest = this.sorted.keys().next().value;
      if (oldest === undefined) break;
      this.sorted.delete(oldest);
    }
    return result;
  }

  private generatedDay(user: SimulatedUser, date: string): SimulatedPoint[] {
    const key = `${user.userKey}|${date}`;
    let points = this.days.get(key);
    if (points === undefined) {
      points = generateDay(this.seed, user, date).map((input) => buildPoint(user, input));
      this.days.set(key, points);
      this.cachedPoints += points.length;
      // Forget the least recently generated days first: dense users would otherwise hold gigabytes.
      for (const [oldKey, oldPoints] of this.days) {
        if (this.cachedPoints <= MAX_CACHED_POINTS || oldKey === key) break;
        this.days.delete(oldKey);
        this.cachedPoints -= oldPoints.length;
      }
    }
    return points;
  }
}

const maxDate = (a: string, b: string): string => (a > b ? a : b);
const minDate = (a: string, b: string): string => (a < b ? a : b);
