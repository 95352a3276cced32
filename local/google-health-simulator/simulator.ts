import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataPointInput } from './data-point-input.js';
import type { DataTypeName } from './data-types.js';
import { FaultInjector, type FaultPlan } from './fault-injector.js';
import { OAUTH_PATHS } from './oauth-routes.js';
import { type ConsentDecision, type ConsentOptions, type OAuthClient, OAuthServer } from './oauth-server.js';
import { RollingWindowRateLimiter } from './rate-limiter.js';
import { RequestLog, type RequestLogSummary } from './request-log.js';
import { routeRequest } from './router.js';
import type { SimulatorContext } from './simulator-context.js';
import { civilTimeJson } from './time-containers.js';
import { UserDataStore } from './user-data-store.js';
import { type CreateUserOptions, UserRegistry } from './user-registry.js';
import { type PublicKeyset, WebhookKeyset } from './webhook-keyset.js';
import { KEYSET_PATH } from './webhook-routes.js';
import {
  type DeliveryResult,
  type Notification,
  type NotifyOptions,
  WebhookSubscribers,
} from './webhook-subscribers.js';

export type { DataPointInput } from './data-point-input.js';
export type { DataTypeName } from './data-types.js';
export type { FaultPlan } from './fault-injector.js';
export type { OAuthClient } from './oauth-server.js';
export { SCOPES } from './scopes.js';
export type { CreateUserOptions } from './user-registry.js';
export type { PublicKeyset } from './webhook-keyset.js';
export type { DeliveryResult, Notification, NotifyOptions } from './webhook-subscribers.js';

export interface GoogleHealthSimulatorOptions {
  port?: number;
  host?: string;
  clock?: () => Date;
  seed?: number;
  /** Refresh returns a new refresh token and retires the old one (Google usually does not). */
  rotateRefreshTokens?: boolean;
  accessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  rateLimitPerMinute?: number;
  clients?: OAuthClient[];
}

export interface SimulatedUserSummary {
  userKey: string;
  healthUserId: string;
  legacyUserId: string;
  timezone: string;
}

export interface GoogleHealthSimulator {
  baseUrl: string;
  /** api is the origin, like https://health.googleapis.com: resources live under /v4/ below it. */
  urls: { api: string; authorize: string; token: string; revoke: string; keyset: string };
  /** The OAuth client registered by default. */
  client: { clientId: string; clientSecret: string };
  /** Key of the user who consents when no consent or login_hint names one. */
  defaultUserKey: string;
  stop(): Promise<void>;
  registerClient(client: OAuthClient): void;
  createUser(options?: CreateUserOptions): SimulatedUserSummary;
  user(userKey: string): SimulatedUserSummary;
  setNextConsent(decision: ConsentDecision, userKey?: string, options?: ConsentOptions): void;
  setRotateRefreshTokens(rotate: boolean): void;
  revokeUserAccess(userKey: string): number;
  /** Every call for the user answers 403 RESOURCE_PERMISSION_DENIED (true) or works again (false). */
  setPermissionDenied(userKey: string, denied: boolean): void;
  appendData(userKey: string, points: DataPointInput[]): void;
  setUserData(userKey: string, dataType: DataTypeName, points: DataPointInput[]): void;
  stopDeviceSync(userKey: string, sinceIso: string): void;
  resumeDeviceSync(userKey: string): void;
  injectFaults(plan: FaultPlan): void;
  clearFaults(): void;
  resetRateLimits(): void;
  requestLog(): RequestLogSummary;
  resetRequestLog(): void;
  setClock(clock: (() => Date) | Date | string): void;
  now(): Date;
  notify(
    userKey: string,
    notifications: Notification | Notification[],
    options?: NotifyOptions,
  ): Promise<DeliveryResult[]>;
  subscribers(): ReturnType<WebhookSubscribers['list']>;
  publicKeyset(): PublicKeyset;
  rotateWebhookKey(): number;
}

export const DEFAULT_CLIENT = {
  clientId: 'pulse-relay-local.apps.googleusercontent.com',
  clientSecret: 'local-client-secret',
} as const;

const summarise = (user: SimulatedUserSummary): SimulatedUserSummary => ({
  userKey: user.userKey,
  healthUserId: user.healthUserId,
  legacyUserId: user.legacyUserId,
  timezone: user.timezone,
});

/** Starts a deterministic Google Health API (plus Google OAuth and webhook delivery) on a local port. */
export const startGoogleHealthSimulator = async (
  options: GoogleHealthSimulatorOptions = {},
): Promise<GoogleHealthSimulator> => {
  let clock = options.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const seed = options.seed ?? 20261123;
  const users = new UserRegistry(seed, now);
  const defaultUser = users.create({ userKey: 'default' });
  const oauth = new OAuthServer(
    now,
    {
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3599,
      refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds,
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    },
    (userKey) => users.find(userKey) !== undefined,
    () => defaultUser.userKey,
  );
  oauth.registerClient({ ...DEFAULT_CLIENT });
  for (const client of options.clients ?? []) oauth.registerClient(client);
  const keyset = new WebhookKeyset(seed);
  const context: SimulatorContext = {
    now,
    users,
    store: new UserDataStore(seed),
    oauth,
    limiter: new RollingWindowRateLimiter(options.rateLimitPerMinute ?? 300, 60_000),
    faults: new FaultInjector(),
    webhooks: new WebhookSubscribers(keyset, now),
    keyset,
    log: new RequestLog(),
  };

  const server = createServer((request, response) => {
    void routeRequest(context, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    baseUrl,
    urls: {
      api: baseUrl,
      authorize: `${baseUrl}${OAUTH_PATHS.authorize}`,
      token: `${baseUrl}${OAUTH_PATHS.token}`,
      revoke: `${baseUrl}${OAUTH_PATHS.revoke}`,
      keyset: `${baseUrl}${KEYSET_PATH}`,
    },
    client: { ...DEFAULT_CLIENT },
    defaultUserKey: defaultUser.userKey,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
    registerClient: (client) => oauth.registerClient(client),
    createUser: (createOptions) => summarise(users.create(createOptions)),
    user: (userKey) => summarise(users.get(userKey)),
    setNextConsent: (decision, userKey, consentOptions) => {
      if (userKey !== undefined) users.get(userKey);
      oauth.setNextConsent(decision, userKey, consentOptions);
    },
    setRotateRefreshTokens: (rotate) => {
      oauth.settings.rotateRefreshTokens = rotate;
    },
    revokeUserAccess: (userKey) => oauth.revokeUserAccess(userKey),
    setPermissionDenied: (userKey, denied) => {
      users.get(userKey).permissionDenied = denied;
    },
    appendData: (userKey, points) => users.appendData(userKey, points),
    setUserData: (userKey, dataType, points) => users.setUserData(userKey, dataType, points),
    stopDeviceSync: (userKey, sinceIso) => users.stopDeviceSync(userKey, sinceIso),
    resumeDeviceSync: (userKey) => users.resumeDeviceSync(userKey),
    injectFaults: (plan) => context.faults.inject(plan),
    clearFaults: () => context.faults.clear(),
    resetRateLimits: () => context.limiter.reset(),
    requestLog: () => context.log.summary(),
    resetRequestLog: () => context.log.reset(),
    setClock: (next) => {
      if (typeof next === 'function') {
        clock = next;
      } else {
        const fixed = new Date(next);
        if (Number.isNaN(fixed.getTime())) throw new RangeError('setClock: invalid time');
        clock = () => fixed;
      }
    },
    now: () => new Date(now()),
    notify: (userKey, notifications, notifyOptions) => {
      const user = users.get(userKey);
      return context.webhooks.notify(user.healthUserId, notifications, notifyOptions, (iso) =>
        civilTimeJson(user.timezone, Date.parse(iso)),
      );
    },
    subscribers: () => context.webhooks.list(),
    publicKeyset: () => keyset.publicKeyset(),
    rotateWebhookKey: () => keyset.rotate(),
  };
};
