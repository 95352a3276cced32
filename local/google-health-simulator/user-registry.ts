import type { DataPointInput } from './data-point-input.js';
import type { DataTypeName } from './data-types.js';
import { SeededRandom } from './seeded-random.js';
import { DEFAULT_PROFILE, type SimulatedUser, type UserProfile } from './simulated-user.js';
import { addDays, civilDateAt } from './time-zone.js';

export interface CreateUserOptions {
  userKey?: string;
  timezone?: string;
  healthUserId?: string;
  legacyUserId?: string;
  profile?: Partial<UserProfile>;
  /** First local date with data (YYYY-MM-DD); default 30 days before the simulator's now. */
  dataStartDate?: string;
  /** false makes every data call answer ACCOUNT_NOT_LINKED. */
  accountLinked?: boolean;
}

const HEALTH_USER_ID = /^[A-Za-z0-9-]{1,63}$/;

/** Simulated Google accounts, by the caller's key and by healthUserId. */
export class UserRegistry {
  private readonly byKey = new Map<string, SimulatedUser>();
  private readonly byHealthUserId = new Map<string, SimulatedUser>();

  constructor(
    private readonly seed: number,
    private readonly now: () => number,
  ) {}

  create(options: CreateUserOptions = {}): SimulatedUser {
    const userKey = options.userKey ?? `user-${this.byKey.size + 1}`;
    if (this.byKey.has(userKey)) throw new RangeError(`User ${userKey} already exists`);
    const random = SeededRandom.fromKey(this.seed, userKey, 'identity');
    const healthUserId =
      options.healthUserId ?? `hu-${Math.floor(random.next() * 2 ** 48).toString(36)}${this.byKey.size + 1}`;
    if (!HEALTH_USER_ID.test(healthUserId)) throw new RangeError('healthUserId must be 1-63 of [A-Za-z0-9-]');
    if (this.byHealthUserId.has(healthUserId)) throw new RangeError(`healthUserId ${healthUserId} is taken`);
    const timezone = options.timezone ?? 'Europe/London';
    const legacyUserId =
      options.legacyUserId ??
      Math.floor(random.next() * 36 ** 6)
        .toString(36)
        .toUpperCase()
        .padStart(6, '7');
    const user: SimulatedUser = {
      userKey,
      healthUserId,
      legacyUserId,
      timezone,
      profile: { ...DEFAULT_PROFILE, ...options.profile },
      dataStartDate: options.dataStartDate ?? addDays(civilDateAt(timezone, this.now()), -30),
      syncStoppedAtMs: undefined,
      accountLinked: options.accountLinked ?? true,
      permissionDenied: false,
      injected: new Map(),
      replacedTypes: new Set(),
      revision: 0,
    };
    this.byKey.set(userKey, user);
    this.byHealthUserId.set(healthUserId, user);
    return user;
  }

  get(userKey: string): SimulatedUser {
    const user = this.byKey.get(userKey);
    if (user === undefined) throw new RangeError(`Unknown simulated user ${userKey}`);
    return user;
  }

  find(userKey: string): SimulatedUser | undefined {
    return this.byKey.get(userKey);
  }

  findByHealthUserId(healthUserId: string): SimulatedUser | undefined {
    return this.byHealthUserId.get(healthUserId);
  }

  all(): SimulatedUser[] {
    return [...this.byKey.values()];
  }

  appendData(userKey: string, points: DataPointInput[]): void {
    const user = this.get(userKey);
    for (const point of points) {
      const list = user.injected.get(point.dataType) ?? [];
      list.push(point);
      user.injected.set(point.dataType, list);
    }
    user.revision += 1;
  }

  /** Replaces everything of one type (generated and injected) with exactly these points. */
  setUserData(userKey: string, dataType: DataTypeName, points: DataPointInput[]): void {
    const user = this.get(userKey);
    if (points.some((point) => point.dataType !== dataType)) {
      throw new RangeError(`setUserData(${dataType}) got points of another type`);
    }
    user.injected.set(dataType, [...points]);
    user.replacedTypes.add(dataType);
    user.revision += 1;
  }

  stopDeviceSync(userKey: string, sinceIso: string): void {
    const user = this.get(userKey);
    const since = Date.parse(sinceIso);
    if (Number.isNaN(since)) throw new RangeError(`stopDeviceSync: bad time ${sinceIso}`);
    user.syncStoppedAtMs = since;
    user.revision += 1;
  }

  resumeDeviceSync(userKey: string): void {
    const user = this.get(userKey);
    user.syncStoppedAtMs = undefined;
    user.revision += 1;
  }
}
