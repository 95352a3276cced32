import type { ServerResponse } from 'node:http';
import { instantRangeOf } from './data-point-filter.js';
import { listDataPoints } from './data-points-listing.js';
import { DATA_TYPES, type DataTypeSpec, isDataTypeName } from './data-types.js';
import { sendJson } from './http-exchange.js';
import { notFoundError, RpcStatusError } from './rpc-status-error.js';
import { SCOPES, scopeForDataType } from './scopes.js';
import type { SimulatedUser } from './simulated-user.js';
import type { RequestTrace, SimulatorContext } from './simulator-context.js';
import { utcOffsetJson } from './time-containers.js';

const USER_PATH = /^\/v4\/users\/([^/]+)\/(identity|settings|dataTypes\/([^/]+)\/dataPoints(:reconcile)?)$/;

const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.';

const requirePermission = (granted: string[], scope: string): void => {
  if (!granted.includes(scope)) {
    throw new RpcStatusError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', {
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
      metadata: { method: 'google.health.v4.HealthService', service: 'health.googleapis.com' },
    });
  }
};

export const isUserApiPath = (path: string): boolean => path.startsWith('/v4/users/');

/**
 * /v4/users/{me|healthUserId}/… : authenticate, rate-limit per user, then serve identity, settings, or a
 * page of data points. Order matters: 401 before 429 before injected faults before 403/404.
 */
export const handleUserApi = (
  context: SimulatorContext,
  url: URL,
  path: string,
  authorization: string | undefined,
  response: ServerResponse,
  trace: RequestTrace,
): void => {
  const match = USER_PATH.exec(path);
  const [, userSegment = '', resource = '', dataType, reconcile] = match ?? [];
  trace.route = `/v4/users/{user}/${dataType === undefined ? resource : `dataTypes/${dataType}/dataPoints${reconcile ?? ''}`}`;
  const access = context.oauth.checkAccessToken(authorization);
  if (!access.ok) {
    throw new RpcStatusError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE, {
      reason: access.reason,
      domain: 'googleapis.com',
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    });
  }
  trace.userKey = access.userKey;
  const user = context.users.get(access.userKey);
  const now = context.now();
  const slot = context.limiter.tryAcquire(user.healthUserId, now);
  if (!slot.allowed) {
    throw new RpcStatusError(
      429,
      'RESOURCE_EXHAUSTED',
      'Quota exceeded for quota metric per user per minute.',
      {
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: { quota_limit_value: '300', quota_unit: '1/min/{project}/{user}' },
        headers: { 'retry-after': String(slot.retryAfterSeconds) },
      },
    );
  }
  if (match === null) throw notFoundError(`Method not found: GET ${path}`);
  if (user.permissionDenied) {
    // Seen from the real API after consent is withdrawn: every call, identity too, until re-consent.
    throw new RpcStatusError(403, 'PERMISSION_DENIED', 'The caller does not have permission.', {
      reason: 'RESOURCE_PERMISSION_DENIED',
    });
  }
  if (userSegment !== 'me' && userSegment !== user.healthUserId) {
    throw new RpcStatusError(403, 'PERMISSION_DENIED', 'The caller does not have permission for this user.', {
      reason: 'PERMISSION_DENIED',
    });
  }
  if (dataType === undefined) {
    sendUserResource(response, user, userSegment, resource, access.scopes, now);
    return;
  }
  const fault = context.faults.take(user.userKey);
  if (fault !== undefined) throw fault;
  if (!isDataTypeName(dataType)) throw notFoundError(`Data type ${dataType} is not supported`);
  requirePermission(access.scopes, scopeForDataType(dataType));
  if (!user.accountLinked) {
    throw new RpcStatusError(400, 'FAILED_PRECONDITION', 'The user has no Google Health profile.', {
      reason: 'ACCOUNT_NOT_LINKED',
    });
  }
  const spec = DATA_TYPES[dataType];
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const filter = param('filter');
  // parseDataPointFilter (in listDataPoints) rejects a bad filter; the range only limits generation.
  const range = filter === undefined ? {} : safeInstantRange(spec, filter);
  const page = listDataPoints(
    spec,
    context.store.visiblePoints(user, dataType, now, range),
    {
      method: reconcile === undefined ? 'list' : 'reconcile',
      nowMs: now,
      filter: param('filter'),
      pageSize: param('pageSize'),
      pageToken: param('pageToken'),
      dataSourceFamily: param('dataSourceFamily'),
    },
    user.healthUserId,
  );
  sendJson(response, 200, page);
};

const safeInstantRange = (spec: DataTypeSpec, filter: string) => {
  try {
    return instantRangeOf(spec, filter);
  } catch {
    return {};
  }
};

const sendUserResource = (
  response: ServerResponse,
  user: SimulatedUser,
  userSegment: string,
  resource: string,
  scopes: string[],
  now: number,
): void => {
  if (resource === 'identity') {
    sendJson(response, 200, {
      name: `users/${userSegment}/identity`,
      healthUserId: user.healthUserId,
      legacyUserId: user.legacyUserId,
    });
    return;
  }
  requirePermission(scopes, SCOPES.settings);
  sendJson(response, 200, {
    name: `users/${userSegment}/settings`,
    timeZone: user.timezone,
    utcOffset: utcOffsetJson(user.timezone, now),
    languageLocale: 'en_GB',
    distanceUnit: 'KILOMETERS',
    weightUnit: 'KILOGRAMS',
    heightUnit: 'CENTIMETERS',
    autoStrideEnabled: true,
  });
};
