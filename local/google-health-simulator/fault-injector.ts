import { RpcStatusError } from './rpc-status-error.js';

export interface FaultPlan {
  status: 429 | 500 | 503;
  count: number;
  /** Only this user's calls fail; default any user's. */
  userKey?: string;
  retryAfterSeconds?: number;
}

/** Makes the next N data calls fail, for retry and backoff storm tests. */
export class FaultInjector {
  private readonly plans: Array<Required<Omit<FaultPlan, 'userKey'>> & { userKey: string | undefined }> = [];

  inject(plan: FaultPlan): void {
    if (!Number.isInteger(plan.count) || plan.count < 1)
      throw new RangeError('count must be a positive integer');
    this.plans.push({
      status: plan.status,
      count: plan.count,
      userKey: plan.userKey,
      retryAfterSeconds: plan.retryAfterSeconds ?? 1,
    });
  }

  clear(): void {
    this.plans.length = 0;
  }

  /** Consumes one fault for the user, if one is pending. */
  take(userKey: string): RpcStatusError | undefined {
    const plan = this.plans.find(
      (candidate) => candidate.userKey === undefined || candidate.userKey === userKey,
    );
    if (plan === undefined) return undefined;
    plan.count -= 1;
    if (plan.count === 0) this.plans.splice(this.plans.indexOf(plan), 1);
    switch (plan.status) {
      case 429:
        return new RpcStatusError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded (injected fault).', {
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          headers: { 'retry-after': String(plan.retryAfterSeconds) },
        });
      case 500:
        return new RpcStatusError(500, 'INTERNAL', 'Internal error encountered (injected fault).');
      case 503:
        return new RpcStatusError(
          503,
          'UNAVAILABLE',
          'The service is currently unavailable (injected fault).',
          {
            headers: { 'retry-after': String(plan.retryAfterSeconds) },
          },
        );
    }
  }
}
