import { setTimeout as sleep } from 'node:timers/promises';
/** Waits; injected so tests do not sleep. */
export type Sleep = (milliseconds: number) => Promise<void>;

export const realSleep: Sleep = (milliseconds) => sleep(milliseconds);

/**
 * A token bucket per member inside one worker process: Google allows 300 requests a minute per user.
 * It is not shared across containers. What keeps a member within budget there: one job syncs one member,
 * a webhook delivery makes one job per member, the event source's maxConcurrency (5, batch 10) bounds the
 * jobs in flight, and a normal sync is a handful of requests. If two containers do sync the same member at
 * once and pass 300/minute, Google answers 429 and the client backs off (Retry-After plus jitter).
 */
export class PerMemberRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly options: {
      requestsPerMinute: number;
      now: () => number;
      sleep: Sleep;
    },
  ) {}

  /** Takes one request's worth of budget for the member, waiting until it is available. */
  async acquire(memberId: string): Promise<void> {
    const capacity = this.options.requestsPerMinute;
    const perMillisecond = capacity / 60_000;
    for (;;) {
      const now = this.options.now();
      const bucket = this.buckets.get(memberId) ?? { tokens: capacity, updatedAt: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMillisecond);
      bucket.updatedAt = now;
      this.buckets.set(memberId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.options.sleep(Math.ceil((1 - bucket.tokens) / perMillisecond));
    }
  }
}
