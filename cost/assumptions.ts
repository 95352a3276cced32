import { FUNCTION_NAMES, FUNCTION_SETTINGS } from '../infra/function-settings.js';
import type { CostAssumptions } from './cost-model.js';

/**
 * What the bench does not measure. Durations are what these functions take on Lambda arm64 with warm
 * containers (network-bound: DynamoDB, SQS, Google); change them here if CloudWatch says otherwise.
 * The sync-worker's, the largest share of the bill, is built from the bench's measured computing time
 * and Google call count plus the network waits below (cost/cost-model.ts, syncWorkerMsPerJob).
 */
export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  bloodPressureUploadsPerMemberDay: 2,
  readingsPerUpload: 1,
  bytesPerBloodPressureReading: 500,
  durationMs: {
    'authorize-device': 15,
    'ingest-blood-pressure': 60,
    'google-health-webhook': 40,
    'evaluate-alerts': 80,
    // Member and channels reads (20 ms); per email a ledger read, an SES send (~60 ms) and a put: 2 x 80 ms;
    // half the time the webhook: sealed secret read and KMS decrypt, the receiver's answer (~300 ms), ledger:
    // 0.5 x 340 ms.
    'deliver-alerts': 350,
    // A page: session check, a few DynamoDB queries, HTML and SVG charts rendered in the function.
    console: 150,
  },
  // The sync-worker's duration is its measured computing (bench) plus these waits, per call.
  googleRequestMs: 300,
  // Link, tokens and notification reads; reading puts; recordSync and recordNotification; KMS decrypt and seal.
  awsRequestsPerSyncJob: 15,
  awsRequestMs: 10,
  memoryMb: {
    'authorize-device': FUNCTION_SETTINGS['authorize-device'].memorySize,
    'ingest-blood-pressure': FUNCTION_SETTINGS['ingest-blood-pressure'].memorySize,
    'google-health-webhook': FUNCTION_SETTINGS['google-health-webhook'].memorySize,
    'sync-worker': FUNCTION_SETTINGS['sync-worker'].memorySize,
    'evaluate-alerts': FUNCTION_SETTINGS['evaluate-alerts'].memorySize,
    'catch-up': FUNCTION_SETTINGS['catch-up'].memorySize,
    'deliver-alerts': FUNCTION_SETTINGS['deliver-alerts'].memorySize,
    console: FUNCTION_SETTINGS.console.memorySize,
  },
  catchUpRunsPerDay: 48,
  catchUpMsPerMember: 3,
  readUnitsPerSyncJob: 3.5,
  readUnitsPerEvaluation: 1.5,
  readUnitsPerCatchUpCheck: 2,
  extraWriteUnitsPerSyncJob: 2,
  // Alerts are meant to be few: the weekly summary (1/7 a day) plus about two alert notifications a member a
  // month (a raise and its resolution, now and then a reminder or escalation): 0.143 + 0.067 = 0.21.
  careTeamNotificationsPerMemberDay: 0.21,
  // A team lists about two addresses (a key worker's shared mailbox and the GP surgery's nhs.net address).
  emailsPerNotification: 2,
  webhookShare: 0.5,
  readUnitsPerNotification: 1,
  fifoSqsRequestsPerNotification: 3,
  // One care-team staff member for about 25 members, each signing in during the month.
  staffPerMember: 0.04,
  // About 25 console requests per staff member and working day: 0.04 x 25 x 5/7 = 0.71.
  consoleRequestsPerMemberDay: 0.71,
  // A member page reads the member, open alerts and a few weeks of readings; an inbox page one query.
  consoleReadUnitsPerRequest: 8,
  // Acknowledgements, snoozes and exports write an alert update or an audit item: one request in five.
  consoleWriteUnitsPerRequest: 0.2,
  // Decrypt of the token data key; sealing refreshed tokens reuses that key (shared/adapters/token-vault-kms.ts).
  kmsRequestsPerSyncJob: 1,
  sqsRequestsPerSyncJob: 3,
  // Two sync-worker pollers long-polling (20 s) around the clock, and the alert consumer's.
  fixedSqsRequestsPerDay: 3 * 4_320,
  // Queue and table data keys (5-minute reuse) for each principal that uses them.
  fixedKmsRequestsPerDay: 5_000,
  // bench/log-bytes-per-invocation.ts (2 Dec 2026): the INFO and EMF lines of one ordinary invocation.
  applicationLogBytesPerInvocation: {
    'authorize-device': 486,
    'ingest-blood-pressure': 973,
    // A delivery accepted whole logs at DEBUG (the access log has it); notifications not understood at INFO.
    'google-health-webhook': 0,
    // The summary, a Syncs line and one GoogleCalls line for the job's three Google calls (46 in 16 jobs).
    'sync-worker': 1_102,
    // A reading that crossed nothing logs at DEBUG (0 bytes); one that raised an alert writes 940. Allow one
    // evaluation in twenty at that (alerts, extensions, counted normal readings, resolutions): 940 / 20.
    'evaluate-alerts': 47,
    'catch-up': 491,
    'deliver-alerts': 1_177,
    // An ordinary page logs nothing; sign-ins, refusals and failures do.
    console: 0,
  },
  // Lambda's START/END/REPORT (about 250 bytes an invocation) are INFO system logs, not written at WARN
  // (infra/constructs/service-function.ts).
  systemLogBytesPerInvocation: 0,
  accessLogBytesPerRequest: 400,
  // docs/deploy.md "Metrics": every name x dimension value seen in normal running (36), plus deliver-alerts'
  // Deliveries (2 channels x 4 outcomes) and UrgentAlertsUndelivered, and the console's HandledFailures.
  customMetrics: 36 + 8 + 1 + 1,
  // As synthesised (test/infra/service-stack.test.ts checks): two per function (errors, throttles), six
  // service alarms (API 5xx, API throttled, refused readings x 2, sync failures, urgent alert undelivered),
  // evaluation age, alerts waiting, four failure queues (sync jobs, alerts, stream, schedules).
  alarms: 2 * FUNCTION_NAMES.length + 6 + 1 + 1 + 4,
  kmsKeys: 2,
  // Google client secret, Google webhook Authorization, console session key. The teams' webhook secrets are
  // sealed on their TEAM items (shared/adapters/kms-webhook-secrets.ts): a read unit and a KMS request a send.
  secrets: 3,
  // The webhook's Authorization value is cached 5 minutes: 288 reads a day per warm container, about three
  // warm; the Google client secret and the console session key once per cold start (about 50 a day).
  secretReadsPerDay: 3 * 288 + 50,
};
