import {
  ACCOUNT_WIDE_DENIAL,
  DataTypeAccessDeniedError,
} from '../../domain/google-health/data-type-access-denied.js';
import { DATA_TYPE_SPECS, type GoogleHealthDataType } from '../../domain/google-health/data-types.js';
import { filterFor, type SyncWindow } from '../../domain/google-health/sync-window.js';
import { GOOGLE_WEARABLES_FAMILY, WEAR_EVIDENCE_TYPES } from '../../domain/google-health/wear-evidence.js';
import type { AccessTokenProvider } from '../../domain/ports/access-token-provider.js';
import type { WearableSource, WearableWindow } from '../../domain/ports/wearable-source.js';
import { describeZodIssues } from '../../domain/zod-issues.js';
import * as z from '../../domain/zod-mini.js';
import { fullJitterDelay, parseRetryAfter } from './backoff.js';
import {
  GoogleHealthAccountNotLinkedError,
  GoogleHealthApiError,
  GoogleHealthRateLimitedError,
  GoogleHealthResponseInvalidError,
  GoogleHealthUnauthorizedError,
  GoogleHealthUnavailableError,
} from './data-client-errors.js';
import { DATA_POINT_SCHEMAS, type DataPointOf } from './data-point-schemas.js';
import { newestDataTime } from './newest-data-time.js';
import type { DataPointBatch } from './normalise-data-points.js';
import { PerMemberRateLimiter, realSleep, type Sleep } from './rate-limiter.js';
import { toWearableWindow } from './wearable-window.js';

/** reconcile over every source: what the member sees in the Fitbit app. */
export const ALL_SOURCES_FAMILY = 'users/me/dataSourceFamilies/all-sources';

export interface GoogleHealthDataClientOptions {
  /** e.g. https://health.googleapis.com (ENV.googleHealthApiUrl). */
  baseUrl: string;
  tokens: AccessTokenProvider;
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  /** Tries per request for 429/5xx/network failures. Default 5. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A longer Retry-After is not waited out in-process: the job fails and SQS redelivers later. */
  maxRetryAfterMs?: number;
  /**
   * Most time one request may take from its first attempt to its last: attempts (each cut short to what is
   * left), network failures and waits all count. Keeps a storm or a dead network from running a job into
   * the Lambda timeout (120 s), which would fail the whole batch rather than this one message. Default 30 s.
   */
  maxBackoffPerRequestMs?: number;
  /**
   * Per-member request budget. Unverified apps get 2.5 requests a second per user (verified: 300 a
   * minute); the default is the lower figure. GOOGLE_HEALTH_REQUESTS_PER_SECOND sets it in the functions.
   */
  requestsPerSecond?: number;
  /** The same budget per minute; wins over requestsPerSecond when both are given. */
  requestsPerMinute?: number;
  requestTimeoutMs?: number;
  /** Caps the page size below each type's maximum (tests use it to exercise paging). */
  maxPageSize?: number;
}

export interface PageRequest {
  filter?: string;
  pageSize?: number;
  pageToken?: string;
  /** reconcile (and, since 14 Oct 2026, list for every type but sleep). */
  dataSourceFamily?: string;
}

export interface DataPointPage<T extends GoogleHealthDataType> {
  dataPoints: DataPointOf[T][];
  /** Absent or empty on the last page. */
  nextPageToken?: string;
}

const pageEnvelopeSchema = z.object({
  dataPoints: z.optional(z.array(z.unknown())),
  nextPageToken: z.optional(z.string()),
});

const statusBodySchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(
      z.array(z.looseObject({ '@type': z.optional(z.string()), reason: z.optional(z.string()) })),
    ),
  }),
});

/** Google's per-user limit for apps that have not passed verification. */
export const DEFAULT_REQUESTS_PER_SECOND = 2.5;

/** A runaway nextPageToken loop must end: 1000 pages is 10 million points. */
const MAX_PAGES = 1000;

/**
 * A small typed client for the Google Health v4 dataPoints API over fetch. Every response is validated;
 * each member's requests share a 300/minute token bucket; 429 and 5xx are retried with full-jitter
 * backoff (at least Retry-After), a bounded number of times; a 401 invalidates the access token and is
 * retried once. It counts requests per member so a benchmark can compare sync strategies.
 */
export class GoogleHealthDataClient implements WearableSource {
  private readonly fetchFn: typeof fetch;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly limiter: PerMemberRateLimiter;
  private readonly counts = new Map<string, number>();

  constructor(private readonly options: GoogleHealthDataClientOptions) {
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.limiter = new PerMemberRateLimiter({
      requestsPerMinute:
        options.requestsPerMinute ?? (options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND) * 60,
      now: this.now,
      sleep: this.sleep,
    });
  }

  /** Requests sent for a member (every attempt counts, as Google counts them), or for everyone. */
  requestCount(memberId?: string): number {
    if (memberId !== undefined) return this.counts.get(memberId) ?? 0;
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  /** One page of raw points per source. */
  list<T extends GoogleHealthDataType>(
    memberId: string,
    dataType: T,
    page: PageRequest,
  ): Promise<DataPointPage<T>> {
    return this.page(memberId, dataType, 'dataPoints', page);
  }

  /** One page of points merged across sources. */
  reconcile<T extends GoogleHealthDataType>(
    memberId: string,
    dataType: T,
    page: PageRequest,
  ): Promise<DataPointPage<T>> {
    return this.page(memberId, dataType, 'dataPoints:reconcile', page);
  }

  /** Every page of list, from the first to the one with an empty nextPageToken. */
  listAll<T extends GoogleHealthDataType>(
    memberId: string,
    dataType: T,
    query: Omit<PageRequest, 'pageToken'>,
  ): Promise<DataPointOf[T][]> {
    return this.allPages((pageToken) => this.list(memberId, dataType, { ...query, pageToken }));
  }

  /** Every page of reconcile. */
  reconcileAll<T extends GoogleHealthDataType>(
    memberId: string,
    dataType: T,
    query: Omit<PageRequest, 'pageToken'>,
  ): Promise<DataPointOf[T][]> {
    return this.allPages((pageToken) => this.reconcile(memberId, dataType, { ...query, pageToken }));
  }

  /** WearableSource: everything in a sync window, reconciled across all sources, normalised. */
  async fetchWindow(memberId: string, window: SyncWindow, timeZone: string): Promise<WearableWindow> {
    return toWearableWindow(await this.fetchPoints(memberId, window), { memberId, timeZone });
  }

  /** Everything in a sync window, reconciled across all sources, as Google's validated points. */
  async fetchPoints(memberId: string, window: SyncWindow): Promise<DataPointBatch> {
    const points = await this.reconcileAll(memberId, window.dataType, {
      filter: filterFor(window),
      pageSize: Math.min(
        DATA_TYPE_SPECS[window.dataType].pageSize,
        this.options.maxPageSize ?? Number.MAX_SAFE_INTEGER,
      ),
      dataSourceFamily: ALL_SOURCES_FAMILY,
    });
    return { dataType: window.dataType, points } as DataPointBatch;
  }

  /**
   * WearableSource: the newest worn time, from reconcile over the google-wearables family (no manual
   * entries) with pageSize 1, since results come newest first. Heart rate is asked first; steps only if
   * heart rate was refused at consent (403) or is empty. One request, two at most.
   */
  async newestWornTime(
    memberId: string,
    range: { startTime: string; endTime: string },
  ): Promise<string | undefined> {
    for (const dataType of WEAR_EVIDENCE_TYPES) {
      let page: DataPointPage<typeof dataType>;
      try {
        page = await this.reconcile(memberId, dataType, {
          filter: filterFor({ dataType, ...range }),
          pageSize: 1,
          dataSourceFamily: GOOGLE_WEARABLES_FAMILY,
        });
      } catch (error) {
        // A refused scope is no answer for this type; a 403 on the whole account is for sync to handle.
        if (error instanceof DataTypeAccessDeniedError && !error.accountWide) continue;
        throw error;
      }
      const newest = newestDataTime({ dataType, points: page.dataPoints } as DataPointBatch, 'UTC');
      if (newest !== undefined) return newest;
    }
    return undefined;
  }

  private async allPages<T extends GoogleHealthDataType>(
    fetchPage: (pageToken: string | undefined) => Promise<DataPointPage<T>>,
  ): Promise<DataPointOf[T][]> {
    const points: DataPointOf[T][] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const page = await fetchPage(pageToken);
      points.push(...page.dataPoints);
      if (
        page.nextPageToken === undefined ||
        page.nextPageToken === '' ||
        seenTokens.has(page.nextPageToken)
      ) {
        return points;
      }
      seenTokens.add(page.nextPageToken);
      pageToken = page.nextPageToken;
    }
    return points;
  }

  private async page<T extends GoogleHealthDataType>(
    memberId: string,
    dataType: T,
    method: 'dataPoints' | 'dataPoints:reconcile',
    page: PageRequest,
  ): Promise<DataPointPage<T>> {
    const url = new URL(
      `v4/users/me/dataTypes/${dataType}/${method}`,
      `${this.options.baseUrl.replace(/\/$/, '')}/`,
    );
    if (page.filter !== undefined) url.searchParams.set('filter', page.filter);
    if (page.pageSize !== undefined) url.searchParams.set('pageSize', String(page.pageSize));
    if (page.pageToken !== undefined && page.pageToken !== '')
      url.searchParams.set('pageToken', page.pageToken);
    if (page.dataSourceFamily !== undefined) {
      url.searchParams.set('dataSourceFamily', page.dataSourceFamily);
    }
    const body = await this.send(memberId, dataType, url);
    const envelope = pageEnvelopeSchema.safeParse(body);
    const points = z.array(DATA_POINT_SCHEMAS[dataType]).safeParse(envelope.data?.dataPoints ?? []);
    if (!envelope.success || !points.success) {
      const issues = (envelope.error ?? points.error)?.issues ?? [];
      throw new GoogleHealthResponseInvalidError(dataType, describeZodIssues({ issues }));
    }
    return {
      dataPoints: points.data as DataPointOf[T][],
      ...(envelope.data.nextPageToken === undefined ? {} : { nextPageToken: envelope.data.nextPageToken }),
    };
  }

  private async send(memberId: string, dataType: string, url: URL): Promise<unknown> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const backoff = {
      baseMs: this.options.baseDelayMs ?? 500,
      capMs: this.options.maxDelayMs ?? 8_000,
      random: this.random,
    };
    const budgetMs = this.options.maxBackoffPerRequestMs ?? 30_000;
    const startedAt = this.now();
    const remainingMs = () => budgetMs - (this.now() - startedAt);
    const requestTimeoutMs = this.options.requestTimeoutMs ?? 15_000;
    let failures = 0;
    let refreshed = false;
    for (;;) {
      await this.limiter.acquire(memberId);
      const accessToken = await this.options.tokens.accessTokenFor(memberId);
      this.counts.set(memberId, (this.counts.get(memberId) ?? 0) + 1);
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
          // Never past the budget; at least a second, so a retry is not doomed before it starts.
          signal: AbortSignal.timeout(Math.max(1_000, Math.min(requestTimeoutMs, remainingMs()))),
        });
      } catch {
        failures += 1;
        const delayMs = fullJitterDelay(failures, backoff);
        if (failures >= maxAttempts || delayMs >= remainingMs()) {
          throw new GoogleHealthUnavailableError(
            0,
            undefined,
            undefined,
            `Google Health ${dataType} unreachable`,
          );
        }
        await this.sleep(delayMs);
        continue;
      }
      if (response.ok) {
        try {
          return await response.json();
        } catch {
          throw new GoogleHealthResponseInvalidError(dataType, ['body is not JSON']);
        }
      }
      const status = statusBodySchema.safeParse(await response.json().catch(() => undefined));
      const rpcStatus = status.data?.error.status;
      const reason = status.data?.error.details?.find((detail) => detail.reason !== undefined)?.reason;
      const message = `Google Health ${dataType} answered ${response.status}${rpcStatus ? ` ${rpcStatus}` : ''}`;

      if (response.status === 401) {
        if (refreshed) throw new GoogleHealthUnauthorizedError(401, rpcStatus, reason, message);
        refreshed = true;
        await this.options.tokens.invalidate(memberId, accessToken);
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        failures += 1;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
        const ErrorClass =
          response.status === 429 ? GoogleHealthRateLimitedError : GoogleHealthUnavailableError;
        const delayMs = (retryAfterMs ?? 0) + fullJitterDelay(failures, backoff);
        if (
          failures >= maxAttempts ||
          (retryAfterMs ?? 0) > (this.options.maxRetryAfterMs ?? 20_000) ||
          delayMs > remainingMs()
        ) {
          throw new ErrorClass(response.status, rpcStatus, reason, message);
        }
        await this.sleep(delayMs);
        continue;
      }
      if (reason === 'ACCOUNT_NOT_LINKED') {
        throw new GoogleHealthAccountNotLinkedError(response.status, rpcStatus, reason, message);
      }
      if (response.status === 403) {
        const accountWide = reason === ACCOUNT_WIDE_DENIAL || rpcStatus === ACCOUNT_WIDE_DENIAL;
        throw new DataTypeAccessDeniedError(dataType, accountWide, message);
      }
      throw new GoogleHealthApiError(response.status, rpcStatus, reason, message);
    }
  }
}
