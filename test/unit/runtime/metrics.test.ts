import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert, AlertNotification } from '../../../shared/domain/alert.js';
import type { GoogleOAuth } from '../../../shared/domain/link/google-oauth.js';

// The Metrics instance reads its namespace and service when the module loads.
vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'PulseRelay/test');
vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'pulse-relay-test');
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');

type Emf = {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
} & Record<string, unknown>;

/** Captures the EMF lines Powertools writes to stdout. */
const captureEmf = () => {
  const lines: Emf[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = String(chunk);
    for (const line of text.split('\n')) {
      if (line.includes('"_aws"')) lines.push(JSON.parse(line) as Emf);
    }
    return true;
  });
  return lines;
};

let modules: {
  metered: typeof import('../../../shared/adapters/metered-ports.js');
  metrics: typeof import('../../../shared/runtime/metrics.js');
  http: typeof import('../../../shared/runtime/http/http-handler.js');
  logger: typeof import('../../../shared/runtime/logger.js');
};

beforeAll(async () => {
  modules = {
    metered: await import('../../../shared/adapters/metered-ports.js'),
    metrics: await import('../../../shared/runtime/metrics.js'),
    http: await import('../../../shared/runtime/http/http-handler.js'),
    logger: await import('../../../shared/runtime/logger.js'),
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

const alert = { rule: 'bp-severe', severity: 'urgent', memberId: 'm-1', alertKey: 'k' } as Alert;

describe('recordCounts', () => {
  it('writes one EMF line with the namespace, service and the given dimensions', () => {
    const lines = captureEmf();
    modules.metrics.recordCounts({ format: 'fhir' }, { ReadingsStored: 3, ReadingsRefused: 1 });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?._aws.CloudWatchMetrics[0]?.Namespace).toBe('PulseRelay/test');
    expect(line?._aws.CloudWatchMetrics[0]?.Dimensions[0]?.sort()).toEqual(['format', 'service']);
    expect(line).toMatchObject({
      service: 'pulse-relay-test',
      format: 'fhir',
      ReadingsStored: 3,
      ReadingsRefused: 1,
    });
  });

  it('does not carry one call’s dimensions into the next', () => {
    const lines = captureEmf();
    modules.metrics.recordCounts({ format: 'json' }, { ReadingsStored: 1 });
    modules.metrics.recordCounts({}, { HandledFailures: 1 });
    expect(lines[1]).not.toHaveProperty('format');
    expect(lines[1]).toMatchObject({ HandledFailures: 1 });
  });
});

const raisedNotice: AlertNotification = {
  kind: 'raised',
  at: '2026-11-20T08:00:00.000Z',
  dedupeId: 'k#raised-0',
  severity: 'urgent',
  tier: 1,
};

describe('metered ports', () => {
  it('counts an alert by rule and severity only after it was published', async () => {
    const lines = captureEmf();
    const failing = modules.metered.meteredAlertPublisher({
      publish: () => Promise.reject(new Error('queue down')),
    });
    await expect(failing.publish(alert, raisedNotice)).rejects.toThrow('queue down');
    expect(lines).toHaveLength(0);

    const publisher = modules.metered.meteredAlertPublisher({ publish: () => Promise.resolve() });
    await publisher.publish(alert, raisedNotice);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ rule: 'bp-severe', severity: 'urgent', AlertsRaised: 1 });
    expect(lines[0]).not.toHaveProperty('memberId');

    await publisher.publish(alert, { ...raisedNotice, kind: 'reminder', dedupeId: 'k#reminder-1' });
    expect(lines).toHaveLength(1);
  });

  it('counts token refreshes by outcome and passes errors on', async () => {
    const lines = captureEmf();
    let fail = false;
    const inner = {
      refresh: () =>
        fail
          ? Promise.reject(new Error('invalid_grant'))
          : Promise.resolve({ accessToken: 'a', accessTokenExpiresAt: 'x', scope: 's' }),
    } as unknown as GoogleOAuth;
    const oauth = modules.metered.meteredOAuth(inner);
    await oauth.refresh('r');
    fail = true;
    await expect(oauth.refresh('r')).rejects.toThrow('invalid_grant');
    expect(lines.map((line) => [line.outcome, line.TokenRefreshes])).toEqual([
      ['refreshed', 1],
      ['failed', 1],
    ]);
  });

  it('counts each Google request by outcome, network failures included', async () => {
    const lines = captureEmf();
    const statuses = [200, 401, 429, 503, 404];
    const fetchStub = vi.fn(async () => {
      const status = statuses.shift();
      if (status === undefined) throw new TypeError('fetch failed');
      return new Response('{}', { status });
    });
    const tally = new modules.metered.GoogleCallTally();
    const metered = modules.metered.meteredGoogleFetch(fetchStub as unknown as typeof fetch, tally);
    for (let call = 0; call < 5; call += 1) await metered('https://health.example/v4');
    await expect(metered('https://health.example/v4')).rejects.toThrow('fetch failed');
    expect(lines).toEqual([]);
    tally.flush();
    expect(lines.map((line) => [line.outcome, line.GoogleCalls])).toEqual([
      ['ok', 1],
      ['unauthorized', 1],
      ['rate-limited', 1],
      ['server-error', 1],
      ['client-error', 1],
      ['network-error', 1],
    ]);
  });

  it('writes one GoogleCalls line per outcome when flushed, with the sum, and nothing twice', async () => {
    const lines = captureEmf();
    const statuses = [200, 200, 429, 200];
    const fetchStub = vi.fn(async () => new Response('{}', { status: statuses.shift() ?? 200 }));
    const tally = new modules.metered.GoogleCallTally();
    const metered = modules.metered.meteredGoogleFetch(fetchStub as unknown as typeof fetch, tally);
    for (let call = 0; call < 4; call += 1) await metered('https://health.example/v4');
    tally.flush();
    tally.flush();
    expect(lines.map((line) => [line.outcome, line.GoogleCalls])).toEqual([
      ['ok', 3],
      ['rate-limited', 1],
    ]);
  });
});

describe('httpHandler', () => {
  const event = { rawPath: '/', requestContext: { http: { method: 'GET' } } } as APIGatewayProxyEventV2;
  const context = { functionName: 'f', awsRequestId: 'r' } as Context;
  const logger = () => modules.logger.createLogger('test');

  it.each([
    ['a thrown error', () => Promise.reject(new Error('boom'))],
    ['a route that answers 500 itself', () => Promise.resolve({ statusCode: 500, body: 'oops' })],
  ])('counts %s as a handled failure', async (_name, route) => {
    const lines = captureEmf();
    const response = await modules.http.httpHandler(route, logger())(event, context);
    expect(response.statusCode).toBe(500);
    expect(lines.filter((line) => line.HandledFailures === 1)).toHaveLength(1);
  });

  it('does not count a 4xx or a success', async () => {
    const lines = captureEmf();
    await modules.http.httpHandler(() => Promise.resolve({ statusCode: 422 }), logger())(event, context);
    await modules.http.httpHandler(() => Promise.resolve({ statusCode: 200 }), logger())(event, context);
    expect(lines.filter((line) => 'HandledFailures' in line)).toHaveLength(0);
  });
});
