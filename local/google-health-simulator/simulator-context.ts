import type { FaultInjector } from './fault-injector.js';
import type { OAuthServer } from './oauth-server.js';
import type { RollingWindowRateLimiter } from './rate-limiter.js';
import type { RequestLog } from './request-log.js';
import type { UserDataStore } from './user-data-store.js';
import type { UserRegistry } from './user-registry.js';
import type { WebhookKeyset } from './webhook-keyset.js';
import type { WebhookSubscribers } from './webhook-subscribers.js';

/** The simulator's state, shared by the route handlers. */
export interface SimulatorContext {
  now: () => number;
  users: UserRegistry;
  store: UserDataStore;
  oauth: OAuthServer;
  limiter: RollingWindowRateLimiter;
  faults: FaultInjector;
  webhooks: WebhookSubscribers;
  keyset: WebhookKeyset;
  log: RequestLog;
}

/** What a handler tells the request log about the call it served. */
export interface RequestTrace {
  route: string;
  userKey: string | undefined;
}
