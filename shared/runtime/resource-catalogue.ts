// Pure data, no imports at run time: CDK (infra/), the local stack (local/) and Lambda code all read it,
// so the local stack cannot drift from what is deployed. Key layout of the items: shared/adapters/table-keys.ts.
import type { FunctionName } from '../../infra/function-names.js';

/** Every key attribute is a string. */
export interface KeySchema {
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface IndexSpec extends KeySchema {
  readonly name: string;
}

export interface TableSpec {
  readonly key: KeySchema;
  /** Global secondary indexes, projecting all attributes. */
  readonly indexes: readonly IndexSpec[];
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  readonly timeToLiveAttribute?: string;
}

const ITEM_KEY: KeySchema = { partitionKey: 'pk', sortKey: 'sk' };
const GSI1: IndexSpec = { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };

export const TABLES = {
  // Every written reading reaches alert evaluation through this stream, whatever its source.
  readings: { key: ITEM_KEY, indexes: [], stream: 'NEW_AND_OLD_IMAGES' },
  // Expired invitations disappear (their `ttl` is 30 days after expiry); read paths never rely on it.
  directory: { key: ITEM_KEY, indexes: [GSI1], timeToLiveAttribute: 'ttl' },
  alerts: { key: ITEM_KEY, indexes: [GSI1] },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** Receives before a message moves to its dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
/** How long failed work waits for someone to inspect and redrive it. */
export const FAILURE_RETENTION_DAYS = 14;

export interface QueueSpec {
  /** Name stem; locally `<prefix>-<stem>` (plus `.fifo`), in AWS CloudFormation names the queue. */
  readonly stem: string;
  readonly fifo: boolean;
  readonly retentionDays: number;
  readonly deadLetter?: { readonly queue: QueueName; readonly maxReceiveCount: number };
}

type QueueName = 'alerts' | 'alertsDlq' | 'syncJobs' | 'syncJobsDlq' | 'streamFailures';

/** Dead-letter queues come before the queues that redrive to them (creation order). */
export const QUEUES = {
  alertsDlq: { stem: 'alerts-dlq', fifo: true, retentionDays: FAILURE_RETENTION_DAYS },
  // Care-team alerts, FIFO by member; the alert key is the deduplication id.
  alerts: {
    stem: 'alerts',
    fifo: true,
    retentionDays: FAILURE_RETENTION_DAYS,
    deadLetter: { queue: 'alertsDlq', maxReceiveCount: MAX_RECEIVE_COUNT },
  },
  syncJobsDlq: { stem: 'sync-jobs-dlq', fifo: false, retentionDays: FAILURE_RETENTION_DAYS },
  syncJobs: {
    stem: 'sync-jobs',
    fifo: false,
    retentionDays: 4,
    deadLetter: { queue: 'syncJobsDlq', maxReceiveCount: MAX_RECEIVE_COUNT },
  },
  // On-failure destination of the readings stream: batches that could not be evaluated for alerts.
  streamFailures: { stem: 'stream-failures', fifo: false, retentionDays: FAILURE_RETENTION_DAYS },
} as const satisfies Record<QueueName, QueueSpec>;

export interface StreamEventSource {
  readonly function: FunctionName;
  readonly table: TableName;
  /** Like an event filter on eventName: other records never reach the function. */
  readonly eventNames: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly bisectBatchOnError: boolean;
  readonly retryAttempts: number;
  readonly reportBatchItemFailures: boolean;
  readonly onFailure: QueueName;
}

/** The readings stream feeds alert evaluation; a batch that keeps failing is bisected, then parked. */
export const READINGS_STREAM_SOURCE: StreamEventSource = {
  function: 'evaluate-alerts',
  table: 'readings',
  eventNames: ['INSERT', 'MODIFY'],
  batchSize: 25,
  maxBatchingWindowSeconds: 1,
  bisectBatchOnError: true,
  retryAttempts: 5,
  reportBatchItemFailures: true,
  onFailure: 'streamFailures',
};

export interface QueueEventSource {
  readonly function: FunctionName;
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
}

export const SYNC_JOBS_SOURCE: QueueEventSource = {
  function: 'sync-worker',
  queue: 'syncJobs',
  batchSize: 10,
  reportBatchItemFailures: true,
};

/** The care-team queue's only consumer: it delivers each notification to the team's email and webhooks. */
export const ALERTS_SOURCE: QueueEventSource = {
  function: 'deliver-alerts',
  queue: 'alerts',
  batchSize: 10,
  reportBatchItemFailures: true,
};

/** Registered with Google as the OAuth client's redirect URI (under PUBLIC_BASE_URL). */
export const OAUTH_CALLBACK_PATH = '/v1/oauth/google/callback';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'ANY';
  /** API Gateway path; `{name}` is a path parameter. */
  readonly path: string;
  readonly function: FunctionName;
  /** A request authoriser function; without one, the function authenticates the caller itself. */
  readonly authorizer?: FunctionName;
  /**
   * Which per-caller throttle applies (config: deviceRateLimit, webhookRateLimit, linkPagesRateLimit,
   * consoleRateLimit).
   */
  readonly throttle: 'device' | 'webhook' | 'linkPages' | 'console';
}

export const DEVICE_ROUTE = '/v1/blood-pressure';
export const WEBHOOK_ROUTE = '/v1/webhooks/google-health';

/** The HTTP API. */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: DEVICE_ROUTE,
    function: 'ingest-blood-pressure',
    authorizer: 'authorize-device',
    throttle: 'device',
  },
  { method: 'POST', path: WEBHOOK_ROUTE, function: 'google-health-webhook', throttle: 'webhook' },
  { method: 'GET', path: '/v1/link/{invitationId}', function: 'link-pages', throttle: 'linkPages' },
  { method: 'GET', path: '/v1/link/{invitationId}/start', function: 'link-pages', throttle: 'linkPages' },
  { method: 'GET', path: OAUTH_CALLBACK_PATH, function: 'link-pages', throttle: 'linkPages' },
  // The care-team console is five functions behind one session cookie (docs/console.md). The specific
  // routes below win over the greedy one, as in API Gateway; any other form post reaches the pages
  // function, which refuses it.
  { method: 'ANY', path: '/console', function: 'console', throttle: 'console' },
  { method: 'ANY', path: '/console/{proxy+}', function: 'console', throttle: 'console' },
  { method: 'GET', path: '/console/sign-in', function: 'console-sign-in', throttle: 'console' },
  { method: 'GET', path: '/console/auth/callback', function: 'console-sign-in', throttle: 'console' },
  { method: 'GET', path: '/console/signed-out', function: 'console-sign-in', throttle: 'console' },
  { method: 'POST', path: '/console/sign-out', function: 'console-sign-in', throttle: 'console' },
  { method: 'POST', path: '/console/alerts/acknowledge', function: 'console-actions', throttle: 'console' },
  { method: 'POST', path: '/console/alerts/snooze', function: 'console-actions', throttle: 'console' },
  {
    method: 'POST',
    path: '/console/members/{memberId}/invitations',
    function: 'console-invitations',
    throttle: 'console',
  },
  // FHIR R4 search, with the console's signed-in session and team check.
  { method: 'GET', path: '/fhir/R4/Observation', function: 'fhir-export', throttle: 'console' },
];
