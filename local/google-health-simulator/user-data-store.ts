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

/**
 * A user's data as the API sees it at an instant: generated days from the start date to tomorrow,
 * plus injected points, minus what has not synced yet. Generated days are cached (they are pure).
 */
export class UserDataStore {
  private readonly days = new Map<string, SimulatedPoint[]>();
  private readonly sorted = new Map<string, TypeCache>();

  constructor(private readonly seed: number) {}

  visiblePoints(user: SimulatedUser, dataType: DataTypeName, nowMs: number): SimulatedPoint[] {
    const cutoffMs = Math.min(nowMs, user.syncStoppedAtMs ?? Number.POSITIVE_INFINITY);
    // Manual entries come from the phone app, so they still arrive when the watch has stopped syncing.
    return this.allPoints(user, dataType, nowMs).filter(
      (point) => point.availableAtMs <= (point.manual ? nowMs : cutoffMs),
    );
  }

  private allPoints(user: SimulatedUser, dataType: DataTypeName, nowMs: number): SimulatedPoint[] {
    const throughDate = addDays(civilDateAt(user.timezone, nowMs), 1);
    const cacheKey = `${user.userKey}|${dataType}`;
    const cached = this.sorted.get(cacheKey);
    if (cached !== undefined && cached.revision === user.revision && cached.throughDate === throughDate) {
      return cached.points;
    }
    const points: SimulatedPoint[] = [];
    if (!user.replacedTypes.has(dataType)) {
      const startMs = instantOfLocalTime(user.timezone, user.dataStartDate, 0);
      for (let date = user.dataStartDate; date <= throughDate; date = addDays(date, 1)) {
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
    return result;
  }

  private generatedDay(user: SimulatedUser, date: string): SimulatedPoint[] {
    const key = `${user.userKey}|${date}`;
    let points = this.days.get(key);
    if (points === undefined) {
      points = generateDay(this.seed, user, date).map((input) => buildPoint(user, input));
      this.days.set(key, points);
    }
    return points;
  }
}
