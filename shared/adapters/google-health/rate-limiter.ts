/** Waits; injected so tests do not sleep. */
export type Sleep = (milliseconds: number) => Promise<void>;

export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * A token bucket per member inside one worker process: Google allows 300 requests a minute per user.
 * Across containers, the sync-jobs event source (batch size 1 per member job, bounded maximum concurrency)
 * and the fact that one job syncs one member keep a member's requests in one process at a time; a second
 * concurrent job for the same member would at worst meet a 429, which the client backs off from.
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
