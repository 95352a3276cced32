import { beforeEach, describe, expect, it } from 'vitest';
import { GoogleHealthDataClient } from '../../../../shared/adapters/google-health/data-client.js';
import {
  GoogleHealthAccountNotLinkedError,
  GoogleHealthRateLimitedError,
  GoogleHealthResponseInvalidError,
  GoogleHealthUnauthorizedError,
  GoogleHealthUnavailableError,
} from '../../../../shared/adapters/google-health/data-client-errors.js';
import { DataTypeAccessDeniedError } from '../../../../shared/domain/google-health/data-type-access-denied.js';
import type { AccessTokenProvider } from '../../../../shared/domain/ports/access-token-provider.js';

const heartRatePoint = (time: string, bpm: string) => ({
  dataSource: {
    platform: 'FITBIT',
    recordingMethod: 'PASSIVELY_MEASURED',
    device: { displayName: 'Charge 6' },
  },
  heartRate: { beatsPerMinute: bpm, sampleTime: { physicalTime: time, utcOffset: '0s' } },
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const rpcError = (code: number, status: string, reason?: string) => ({
  error: {
    code,
    message: 'upstream message',
    status,
    ...(reason === undefined
      ? {}
      : {
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'health.googleapis.com' },
          ],
        }),
  },
});

/** Answers queued responses in order and records each request. */
class FetchStub {
  readonly requests: Array<{ url: URL; authorization: string | null }> = [];
  private readonly responses: Array<() => Response> = [];

  queue(...responses: Array<() => Response>): this {
    this.responses.push(...responses);
    return this;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    this.requests.push({
      url: new URL(String(input)),
      authorization: new Headers(init?.headers).get('authorization'),
    });
    const next = this.responses.shift();
    if (next === undefined) throw new Error('no response queued');
    return next();
  };
}

class FakeTokens implements AccessTokenProvider {
  version = 1;
  readonly invalidated: string[] = [];
  async accessTokenFor(): Promise<string> {
    return `token-${this.version}`;
  }
  async invalidate(_memberId: string, rejected: string): Promise<void> {
    this.invalidated.push(rejected);
    this.version += 1;
  }
}

describe('GoogleHealthDataClient', () => {
  let stub: FetchStub;
  let tokens: FakeTokens;
  let sleeps: number[];
  let nowMs: number;
  const client = (overrides: Partial<ConstructorParameters<typeof GoogleHealthDataClient>[0]> = {}) =>
    new GoogleHealthDataClient({
      baseUrl: 'https://health.example.test',
      tokens,
      fetch: stub.fetch,
      sleep: async (ms) => {
        sleeps.push(ms);
        nowMs += ms;
      },
      random: () => 0.5,
      now: () => nowMs,
      ...overrides,
    });

  beforeEach(() => {
    stub = new FetchStub();
    tokens = new FakeTokens();
    sleeps = [];
    nowMs = Date.parse('2026-11-23T10:00:00Z');
  });

  it('reads every page until the token is empty, with the filter, page size and bearer token', async () => {
    stub.queue(
      () => json(200, { dataPoints: [heartRatePoint('2026-11-23T09:00:00Z', '72')], nextPageToken: 'p2' }),
      () => json(200, { dataPoints: [heartRatePoint('2026-11-23T08:00:00Z', '70')], nextPageToken: 'p3' }),
      () => json(200, { dataPoints: [heartRatePoint('2026-11-23T07:00:00Z', '65')], nextPageToken: '' }),
    );
    const points = await client().reconcileAll('m-1', 'heart-rate', {
      filter: 'heart_rate.sample_time.physical_time >= "2026-11-23T00:00:00Z"',
      pageSize: 10_000,
      dataSourceFamily: 'users/me/dataSourceFamilies/all-sources',
    });

    expect(points.map((point) => point.heartRate.beatsPerMinute)).toEqual([72, 70, 65]);
    expect(stub.requests.map(({ url }) => url.searchParams.get('pageToken'))).toEqual([null, 'p2', 'p3']);
    const [first] = stub.requests;
    expect(first?.url.pathname).toBe('/v4/users/me/dataTypes/heart-rate/dataPoints:reconcile');
    expect(first?.url.searchParams.get('filter')).toBe(
      'heart_rate.sample_time.physical_time >= "2026-11-23T00:00:00Z"',
    );
    expect(first?.url.searchParams.get('pageSize')).toBe('10000');
    expect(first?.url.searchParams.get('dataSourceFamily')).toBe('users/me/dataSourceFamilies/all-sources');
    expect(first?.authorization).toBe('Bearer token-1');
  });

  it('uses the plain list path for list and stops on a page with no token', async () => {
    stub.queue(() => json(200, { dataPoints: [] }));
    expect(await client().listAll('m-1', 'weight', {})).toEqual([]);
    expect(stub.requests[0]?.url.pathname).toBe('/v4/users/me/dataTypes/weight/dataPoints');
  });

  it('waits at least Retry-After on a 429, with jitter on top, then carries on', async () => {
    stub.queue(
      () => json(429, rpcError(429, 'RESOURCE_EXHAUSTED'), { 'retry-after': '7' }),
      () => json(200, { dataPoints: [heartRatePoint('2026-11-23T09:00:00Z', '72')] }),
    );
    const page = await client().list('m-1', 'heart-rate', {});

    expect(page.dataPoints).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
    // 7 s plus full jitter of 0.5 * min(20 s, 500 ms * 2^1).
    expect(sleeps[0]).toBe(7_500);
  });

  it('gives up on 5xx after the bounded attempts, with every backoff under the cap', async () => {
    const unavailable = () => json(503, rpcError(503, 'UNAVAILABLE'));
    stub.queue(unavailable, unavailable, unavailable, unavailable, unavailable);

    await expect(
      client({ maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 4_000, random: () => 0.999 }).list(
        'm-1',
        'steps',
        {},
      ),
    ).rejects.toBeInstanceOf(GoogleHealthUnavailableError);
    expect(stub.requests).toHaveLength(5);
    expect(sleeps).toEqual([1998, 3996, 3996, 3996]);
  });

  it('reports a 429 storm as rate limited, and fails at once when Retry-After is beyond what it may wait', async () => {
    const limited = () => json(429, rpcError(429, 'RESOURCE_EXHAUSTED'));
    stub.queue(limited, limited, limited);
    await expect(client({ maxAttempts: 3 }).list('m-1', 'steps', {})).rejects.toBeInstanceOf(
      GoogleHealthRateLimitedError,
    );
    expect(stub.requests).toHaveLength(3);

    stub.queue(() => json(429, rpcError(429, 'RESOURCE_EXHAUSTED'), { 'retry-after': '3600' }));
    sleeps = [];
    await expect(client().list('m-1', 'steps', {})).rejects.toBeInstanceOf(GoogleHealthRateLimitedError);
    expect(sleeps).toEqual([]);
  });

  it('stops backing off once one request has slept its budget, so a job ends well inside the Lambda timeout', async () => {
    const limited = () => json(429, rpcError(429, 'RESOURCE_EXHAUSTED'), { 'retry-after': '10' });
    stub.queue(limited, limited, limited, limited, limited);

    await expect(client().list('m-1', 'steps', {})).rejects.toBeInstanceOf(GoogleHealthRateLimitedError);
    // 10 s + jitter each time; a third wait would pass the 30 s budget.
    expect(sleeps).toEqual([10_500, 11_000]);
    expect(stub.requests).toHaveLength(3);
  });

  it('counts time lost to network failures against the same budget, so a dead network ends a request in ~30 s', async () => {
    // Each attempt hangs until its 15 s timeout. Before, five attempts plus waits took about 90 s.
    const hangs = () => {
      nowMs += 15_000;
      throw new TypeError('fetch failed: timeout');
    };
    stub.queue(hangs, hangs, hangs, hangs, hangs);
    const startedAt = nowMs;

    await expect(client().list('m-1', 'steps', {})).rejects.toBeInstanceOf(GoogleHealthUnavailableError);
    expect(stub.requests).toHaveLength(2);
    expect(nowMs - startedAt).toBeLessThanOrEqual(31_000);
  });

  it('does not retry a network failure when the wait would pass the budget', async () => {
    stub.queue(() => {
      nowMs += 29_900;
      throw new TypeError('fetch failed');
    });
    await expect(client().list('m-1', 'steps', {})).rejects.toBeInstanceOf(GoogleHealthUnavailableError);
    expect(sleeps).toEqual([]);
    expect(stub.requests).toHaveLength(1);
  });

  it('retries a network failure like a 5xx', async () => {
    stub.queue(
      () => {
        throw new TypeError('fetch failed');
      },
      () => json(200, { dataPoints: [] }),
    );
    await expect(client().list('m-1', 'sleep', {})).resolves.toEqual({ dataPoints: [] });
    expect(stub.requests).toHaveLength(2);
  });

  it('invalidates the token after a 401 and retries once with a fresh one', async () => {
    stub.queue(
      () => json(401, rpcError(401, 'UNAUTHENTICATED', 'INVALID_AUTHENTICATOR')),
      () => json(200, { dataPoints: [] }),
    );
    await client().list('m-1', 'weight', {});

    expect(tokens.invalidated).toEqual(['token-1']);
    expect(stub.requests.map((request) => request.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('does not retry a second 401', async () => {
    const unauthorised = () => json(401, rpcError(401, 'UNAUTHENTICATED', 'INVALID_AUTHENTICATOR'));
    stub.queue(unauthorised, unauthorised);
    await expect(client().list('m-1', 'weight', {})).rejects.toBeInstanceOf(GoogleHealthUnauthorizedError);
    expect(stub.requests).toHaveLength(2);
  });

  it('types ACCOUNT_NOT_LINKED and does not retry it', async () => {
    stub.queue(() => json(403, rpcError(403, 'FAILED_PRECONDITION', 'ACCOUNT_NOT_LINKED')));
    const failure = client().list('m-1', 'weight', {});
    await expect(failure).rejects.toBeInstanceOf(GoogleHealthAccountNotLinkedError);
    await expect(failure).rejects.toMatchObject({ httpStatus: 403, reason: 'ACCOUNT_NOT_LINKED' });
    expect(stub.requests).toHaveLength(1);
  });

  it('rejects a 2xx body that does not match the schema', async () => {
    stub.queue(() => json(200, { dataPoints: [{ heartRate: { beatsPerMinute: 'seventy' } }] }));
    await expect(client().list('m-1', 'heart-rate', {})).rejects.toBeInstanceOf(
      GoogleHealthResponseInvalidError,
    );
  });

  it('keeps each member within its per-minute budget and counts requests per member', async () => {
    const ok = () => json(200, { dataPoints: [] });
    stub.queue(ok, ok, ok, ok);
    const limited = client({ requestsPerMinute: 2 });
    await limited.list('m-1', 'weight', {});
    await limited.list('m-1', 'weight', {});
    await limited.list('m-2', 'weight', {});
    expect(sleeps).toEqual([]);
    await limited.list('m-1', 'weight', {});

    expect(sleeps).toEqual([30_000]);
    expect(limited.requestCount('m-1')).toBe(3);
    expect(limited.requestCount()).toBe(4);
  });

  it('defaults to 2.5 requests a second per member, the limit for unverified apps', async () => {
    const ok = () => json(200, { dataPoints: [] });
    stub.queue(...Array.from({ length: 151 }, () => ok));
    const paced = client();
    for (let request = 0; request < 151; request += 1) await paced.list('m-1', 'weight', {});

    // A minute's budget (150) goes at once; the next request waits for one token at 2.5 a second.
    expect(sleeps).toEqual([400]);
  });

  it('reads a reconciled page: no dataSource, no name, an empty dataPointName, an HRV without RMSSD', async () => {
    stub.queue(() =>
      json(200, {
        dataPoints: [
          {
            dataPointName: '',
            heartRateVariability: { sampleTime: { physicalTime: '2026-11-23T02:00:00Z', utcOffset: '0s' } },
          },
          {
            heartRateVariability: {
              sampleTime: { physicalTime: '2026-11-23T02:05:00Z', utcOffset: '0s' },
              rootMeanSquareOfSuccessiveDifferencesMilliseconds: 35.5,
            },
          },
        ],
      }),
    );
    const page = await client().reconcile('m-1', 'heart-rate-variability', {});
    expect(page.dataPoints).toHaveLength(2);
  });

  it('answers "was it worn" from google-wearables with one newest-first point, falling back to steps on a 403', async () => {
    stub.queue(
      () => json(403, rpcError(403, 'PERMISSION_DENIED', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT')),
      () =>
        json(200, {
          dataPoints: [
            {
              steps: {
                count: '12',
                interval: { startTime: '2026-11-23T09:41:00Z', endTime: '2026-11-23T09:42:00Z' },
              },
            },
          ],
        }),
    );
    const worn = await client().newestWornTime('m-1', {
      startTime: '2026-11-20T00:00:00Z',
      endTime: '2026-11-23T10:00:00Z',
    });

    expect(worn).toBe('2026-11-23T09:41:00.000Z');
    expect(stub.requests.map(({ url }) => [url.pathname, Object.fromEntries(url.searchParams)])).toEqual([
      [
        '/v4/users/me/dataTypes/heart-rate/dataPoints:reconcile',
        {
          filter:
            'heart_rate.sample_time.physical_time >= "2026-11-20T00:00:00Z" AND heart_rate.sample_time.physical_time < "2026-11-23T10:00:00Z"',
          pageSize: '1',
          dataSourceFamily: 'users/me/dataSourceFamilies/google-wearables',
        },
      ],
      [
        '/v4/users/me/dataTypes/steps/dataPoints:reconcile',
        {
          filter:
            'steps.interval.start_time >= "2026-11-20T00:00:00Z" AND steps.interval.start_time < "2026-11-23T10:00:00Z"',
          pageSize: '1',
          dataSourceFamily: 'users/me/dataSourceFamilies/google-wearables',
        },
      ],
    ]);
  });

  it('throws a per-type access error for a 403 on a data read', async () => {
    stub.queue(() => json(403, rpcError(403, 'PERMISSION_DENIED', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT')));
    const failure = client().list('m-1', 'sleep', {});
    await expect(failure).rejects.toBeInstanceOf(DataTypeAccessDeniedError);
    await expect(failure).rejects.toMatchObject({ dataType: 'sleep', accountWide: false });
  });

  it('marks a RESOURCE_PERMISSION_DENIED 403 as account-wide', async () => {
    stub.queue(() => json(403, rpcError(403, 'PERMISSION_DENIED', 'RESOURCE_PERMISSION_DENIED')));
    await expect(client().list('m-1', 'sleep', {})).rejects.toMatchObject({
      dataType: 'sleep',
      accountWide: true,
    });
  });
});
