/**
 * Bytes each function writes to its log group in one ordinary invocation, through the project's own Logger
 * (shared/runtime/logger.ts, with the Lambda context Powertools adds to every line) and EMF metrics
 * (shared/runtime/metrics.ts). The messages and fields are the ones each function logs at INFO (named
 * beside each); DEBUG lines are not written at the deployed application log level (INFO), and Lambda's
 * START/END/REPORT lines not at its system log level (WARN). The cost model reads the result from
 * cost/assumptions.ts (applicationLogBytesPerInvocation). Run: npx tsx bench/log-bytes-per-invocation.ts
 */
process.env.POWERTOOLS_METRICS_NAMESPACE = 'PulseRelay/prod';
process.env.POWERTOOLS_SERVICE_NAME = 'pulse-relay-sync-worker';
process.env.AWS_LAMBDA_FUNCTION_NAME = 'pulse-relay-prod-sync-worker';
// What Lambda sets even with tracing off; Powertools copies it into every line.
process.env._X_AMZN_TRACE_ID = 'Root=1-674d8a1b-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0';
delete process.env.POWERTOOLS_DEV;
delete process.env.POWERTOOLS_METRICS_DISABLED;
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';

const { createLogger } = await import('../shared/runtime/logger.js');
const { recordCounts } = await import('../shared/runtime/metrics.js');
const { METRIC } = await import('../shared/runtime/metric-catalogue.js');

let bytes = 0;
const print = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array) => {
  bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  return true;
}) as typeof process.stdout.write;

const MEMBER_ID = 'm-7hq2c4vbn8ze';
const lambdaContext = (name: string, memoryMb: number) => ({
  functionName: `pulse-relay-prod-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-2:123456789012:function:pulse-relay-prod-${name}`,
  memoryLimitInMB: String(memoryMb),
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: `/aws/lambda/pulse-relay-prod-${name}`,
  logStreamName: '2026/12/02/[$LATEST]0123456789abcdef0123456789abcdef',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const measure = (
  name: string,
  memoryMb: number,
  invocation: (logger: ReturnType<typeof createLogger>) => void,
) => {
  const logger = createLogger(`pulse-relay-${name}`);
  logger.addContext(lambdaContext(name, memoryMb));
  bytes = 0;
  invocation(logger);
  return bytes;
};

const figures = {
  // functions/authorize-device/handler.ts
  'authorize-device': measure('authorize-device', 512, (logger) =>
    logger.info('device authorised', { deviceId: 'd-k3mw9x2pq7rt' }),
  ),
  // functions/ingest-blood-pressure/ingest-route.ts: the summary and one EMF line of four counts.
  'ingest-blood-pressure': measure('ingest-blood-pressure', 512, (logger) => {
    logger.info('upload ingested', { received: 1, stored: 1, duplicate: 0, rejected: 0 });
    recordCounts(
      { format: 'json' },
      {
        [METRIC.readingsStored]: 1,
        [METRIC.readingsDuplicate]: 0,
        [METRIC.readingsRefused]: 0,
        [METRIC.readingsClockSuspect]: 0,
      },
    );
  }),
  // functions/google-health-webhook/receive-webhook.ts: a delivery accepted whole is logged at DEBUG.
  'google-health-webhook': measure('google-health-webhook', 512, (logger) =>
    logger.debug('webhook delivery accepted', { notifications: 1, notUnderstood: 0, queued: 1, ignored: 0 }),
  ),
  // functions/sync-worker/sync-record.ts: the summary, one Syncs line, and the job's Google calls (the
  // bench's 46 in 16 jobs: about 3 a job) as one GoogleCalls line per outcome (shared/adapters/metered-ports.ts).
  'sync-worker': measure('sync-worker', 1024, (logger) => {
    logger.info('sync finished', {
      memberId: MEMBER_ID,
      reason: 'webhook',
      status: 'synced',
      outcomes: { stored: 4, duplicate: 0, replaced: 0, stale: 0 },
      removed: 0,
      dataTypes: 1,
      refused: [],
      continued: [],
    });
    recordCounts({ outcome: 'synced' }, { [METRIC.syncs]: 1 });
    recordCounts({ outcome: 'ok' }, { [METRIC.googleCalls]: 3 });
  }),
  // functions/evaluate-alerts/evaluate-record.ts: a reading that crossed nothing is logged at DEBUG.
  'evaluate-alerts': measure('evaluate-alerts', 512, (logger) =>
    logger.debug('reading evaluated', { metric: 'steps', episodes: [], baseline: false, averages: [] }),
  ),
  // functions/evaluate-alerts/evaluate-record.ts: what an evaluation that raised an alert writes.
  'evaluate-alerts raising': measure('evaluate-alerts', 512, (logger) => {
    logger.info('reading evaluated', {
      metric: 'blood-pressure',
      episodes: [
        {
          condition: 'bp-severe',
          outcome: 'raised',
          alertKey: `${MEMBER_ID}#bp-severe#2026-12-02T07:31:00.000Z`,
        },
      ],
      baseline: false,
      averages: [],
      resolved: 0,
      fallbacks: [],
    });
    recordCounts({ rule: 'bp-severe', severity: 'urgent' }, { [METRIC.alertsRaised]: 1 });
  }),
  // functions/catch-up/catch-up.ts
  'catch-up': measure('catch-up', 512, (logger) =>
    logger.info('catch-up finished', { linked: 10_000, checked: 10_000, queued: 420, failures: 0 }),
  ),
  // functions/deliver-alerts/deliver-record.ts: the summary, one Deliveries line per channel.
  'deliver-alerts': measure('deliver-alerts', 512, (logger) => {
    logger.info('notification delivered', {
      memberId: MEMBER_ID,
      notificationId: `${MEMBER_ID}#bp-severe#2026-12-02T07:31:00.000Z#raised`,
      delivered: 3,
      alreadyDelivered: 0,
      refused: 0,
      failed: 0,
    });
    recordCounts({ channel: 'email', outcome: 'delivered' }, { [METRIC.deliveries]: 2 });
    recordCounts({ channel: 'webhook', outcome: 'delivered' }, { [METRIC.deliveries]: 1 });
  }),
  // functions/console/routes.ts: an ordinary page logs nothing (sign-in, refusals and failures do).
  console: 0,
};
print(`${JSON.stringify(figures)}\n`);
