import type { Prices } from './prices.js';

/** Days in an average month (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

/**
 * Lambda gives a function one vCPU at 1,769 MB and a share in proportion below that
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html, read 2026-12-02).
 */
export const LAMBDA_MB_PER_VCPU = 1769;

/** What `npm run bench` measured for one active member-day (bench/figures.json, `wearable`). */
export interface MeasuredMemberDay {
  syncJobs: number;
  googleCalls: number;
  wearableWriteUnits: number;
  wearableStoredBytes: number;
  /** Mean computing time of one sync job on one bench core, network waits excluded. */
  syncJobComputeMs: number;
}

export type CostedFunction =
  | 'authorize-device'
  | 'ingest-blood-pressure'
  | 'google-health-webhook'
  | 'sync-worker'
  | 'evaluate-alerts'
  | 'catch-up'
  | 'deliver-alerts'
  | 'console';

/** What the bench does not measure; each is a stated assumption, shown with the estimate. */
export interface CostAssumptions {
  /** Home blood-pressure monitoring: a morning and an evening upload, one reading each. */
  bloodPressureUploadsPerMemberDay: number;
  readingsPerUpload: number;
  bytesPerBloodPressureReading: number;
  /** Billed duration per invocation; the sync-worker's is built from the bench (see syncWorkerMsPerJob). */
  durationMs: Record<Exclude<CostedFunction, 'catch-up' | 'sync-worker'>, number>;
  /** Round trip of one Google Health API call from the function, server time included. */
  googleRequestMs: number;
  /** DynamoDB, KMS and SQS calls a sync job makes and waits for, and the round trip of each in-region. */
  awsRequestsPerSyncJob: number;
  awsRequestMs: number;
  memoryMb: Record<CostedFunction, number>;
  /** Catch-up runs every 30 minutes; its work grows with the members it checks. */
  catchUpRunsPerDay: number;
  catchUpMsPerMember: number;
  /** Per sync job: link read twice consistently, tokens once; notification lookup half a unit. */
  readUnitsPerSyncJob: number;
  /** Per stream batch evaluated: member, thresholds, open alerts (eventually consistent). */
  readUnitsPerEvaluation: number;
  /** Per catch-up run and member: its share of the directory page, member, thresholds, open alerts. */
  readUnitsPerCatchUpCheck: number;
  /** recordSync and recordNotification. */
  extraWriteUnitsPerSyncJob: number;
  /**
   * Messages on the care-team queue, each one deliver-alerts invocation: raised, escalated, reminder and
   * resolved notifications of alerts, and the weekly summary.
   */
  careTeamNotificationsPerMemberDay: number;
  /** Email addresses each notification goes to (a team's list), one SES email each. */
  emailsPerNotification: number;
  /**
   * Share of care teams with a webhook, so of notifications also sent to one. Each webhook send reads the
   * team's sealed secret (a consistent GetItem of TEAM#<teamId>/WEBHOOKSECRET) and has KMS decrypt its data key.
   */
  webhookShare: number;
  /** The member's team and the team's channels (eventually consistent); each target adds 1 read, 1 write. */
  readUnitsPerNotification: number;
  /** Send (by whoever raised it), receive and delete of each notification on the FIFO queue. */
  fifoSqsRequestsPerNotification: number;
  /** Care-team staff (Cognito monthly active users) per member. */
  staffPerMember: number;
  /** Console pages and FHIR exports, each one API Gateway request and one console invocation. */
  consoleRequestsPerMemberDay: number;
  consoleReadUnitsPerRequest: number;
  consoleWriteUnitsPerRequest: number;
  /** Envelope decryption of the tokens (sealing refreshed ones reuses the opened data key). */
  kmsRequestsPerSyncJob: number;
  /** Send, receive and delete of each sync job. */
  sqsRequestsPerSyncJob: number;
  /** Whole fleet: Lambda's SQS pollers (long polls) and the queues' and tables' own KMS data-key calls. */
  fixedSqsRequestsPerDay: number;
  fixedKmsRequestsPerDay: number;
  /**
   * What each function writes to its log group per invocation: its Powertools JSON lines and EMF lines,
   * measured with bench/log-bytes-per-invocation.ts.
   */
  applicationLogBytesPerInvocation: Record<CostedFunction, number>;
  /** Lambda's own START/END/REPORT lines, written only when the system log level is INFO or DEBUG. */
  systemLogBytesPerInvocation: number;
  accessLogBytesPerRequest: number;
  customMetrics: number;
  alarms: number;
  kmsKeys: number;
  /** The stack's own Secrets Manager secrets (the teams' webhook secrets are sealed on their TEAM items). */
  secrets: number;
  /** Whole fleet: cached and cold-start reads of those secrets. */
  secretReadsPerDay: number;
}

export interface ServiceCost {
  /** USD per member-month. */
  perMemberMonthUsd: number;
  /** USD a month for the whole fleet at the given number of members. */
  monthlyUsd: number;
  /** What was counted, per member-day unless the name says otherwise. */
  counts: Record<string, number>;
}

export type Service =
  | 'lambda'
  | 'dynamoDb'
  | 'sqs'
  | 'kms'
  | 'apiGateway'
  | 'cloudWatch'
  | 'secretsManager'
  | 'ses'
  | 'cognito';

export interface CostEstimate {
  members: number;
  perMemberMonthUsd: number;
  monthlyUsd: number;
  services: Record<Service, ServiceCost>;
}

const perMillion = (count: number, price: number) => (count / 1_000_000) * price;

/**
 * Billed time of one sync job: the measured computing, slowed to the function's CPU share, plus waiting
 * for its Google calls (measured count) and its AWS calls.
 */
export const syncWorkerMsPerJob = (measured: MeasuredMemberDay, assumptions: CostAssumptions): number => {
  const cpuShare = Math.min(1, assumptions.memoryMb['sync-worker'] / LAMBDA_MB_PER_VCPU);
  return (
    measured.syncJobComputeMs / cpuShare +
    (measured.googleCalls / measured.syncJobs) * assumptions.googleRequestMs +
    assumptions.awsRequestsPerSyncJob * assumptions.awsRequestMs
  );
};
const GB = 1e9;

/**
 * Per member-month cost: counts per member-day (measured by the bench, or assumed) x days x prices, plus
 * the fleet's fixed monthly costs (alarms, metrics, keys, secrets, pollers) shared by the members.
 */
export const estimateCost = (
  members: number,
  measured: MeasuredMemberDay,
  assumptions: CostAssumptions,
  prices: Prices,
): CostEstimate => {
  const a = assumptions;
  const uploads = a.bloodPressureUploadsPerMemberDay;
  const readings = uploads * a.readingsPerUpload;
  const jobs = measured.syncJobs;
  const durationMs = { ...a.durationMs, 'sync-worker': syncWorkerMsPerJob(measured, a) };
  const notifications = a.careTeamNotificationsPerMemberDay;
  // Delivery targets per notification: each email address, and the webhook where the team has one.
  const targets = a.emailsPerNotification + a.webhookShare;
  const consoleRequests = a.consoleRequestsPerMemberDay;

  const invocations: Record<CostedFunction, number> = {
    'authorize-device': uploads,
    'ingest-blood-pressure': uploads,
    'google-health-webhook': jobs,
    'sync-worker': jobs,
    'evaluate-alerts': jobs + uploads,
    'catch-up': a.catchUpRunsPerDay / members,
    // One message per invocation: at a few a minute the FIFO event source rarely batches.
    'deliver-alerts': notifications,
    console: consoleRequests,
  };
  const gbSeconds = (Object.keys(invocations) as CostedFunction[]).reduce((sum, name) => {
    const seconds =
      name === 'catch-up'
        ? (a.catchUpRunsPerDay * a.catchUpMsPerMember) / 1000
        : (invocations[name] * durationMs[name]) / 1000;
    return sum + seconds * (a.memoryMb[name] / 1024);
  }, 0);
  const totalInvocations = Object.values(invocations).reduce((sum, count) => sum + count, 0);

  // Each delivery target: a consistent read of its DELIVERY# record (1 unit), then the record put (1 unit).
  const writeUnits =
    measured.wearableWriteUnits +
    readings +
    jobs * a.extraWriteUnitsPerSyncJob +
    notifications * targets +
    consoleRequests * a.consoleWriteUnitsPerRequest;
  // deliver-alerts opens the team's sealed webhook secret for every webhook send (no cache).
  const webhookSecretReads = notifications * a.webhookShare;
  const readUnits =
    jobs * a.readUnitsPerSyncJob +
    (jobs + uploads) * a.readUnitsPerEvaluation +
    uploads * 1 +
    a.catchUpRunsPerDay * a.readUnitsPerCatchUpCheck +
    notifications * (a.readUnitsPerNotification + targets) +
    // A consistent read of the sealed secret item (under 4 KB): one unit.
    webhookSecretReads +
    consoleRequests * a.consoleReadUnitsPerRequest;
  const storedGbPerMonth =
    ((measured.wearableStoredBytes + readings * a.bytesPerBloodPressureReading) * DAYS_PER_MONTH) / GB;

  const sqsRequests = jobs * a.sqsRequestsPerSyncJob;
  const fifoSqsRequests = notifications * a.fifoSqsRequestsPerNotification;
  // Each sealed team secret opened is one KMS Decrypt of its data key.
  const kmsRequests = jobs * a.kmsRequestsPerSyncJob + webhookSecretReads;
  const apiRequests = uploads + jobs + consoleRequests;
  const emails = notifications * a.emailsPerNotification;
  const staff = members * a.staffPerMember;
  const functionLogBytes = (Object.keys(invocations) as CostedFunction[]).reduce(
    (sum, name) =>
      sum + invocations[name] * (a.applicationLogBytesPerInvocation[name] + a.systemLogBytesPerInvocation),
    0,
  );
  const logGb = (functionLogBytes + apiRequests * a.accessLogBytesPerRequest) / GB;

  const days = DAYS_PER_MONTH;
  /** Per member-day variable cost x days, plus a fixed monthly cost shared by the members. */
  const service = (
    variablePerMemberDay: number,
    fixedMonthly: number,
    counts: Record<string, number>,
  ): ServiceCost => {
    const perMemberMonthUsd = variablePerMemberDay * days + fixedMonthly / members;
    return { perMemberMonthUsd, monthlyUsd: perMemberMonthUsd * members, counts };
  };

  const services: Record<Service, ServiceCost> = {
    lambda: service(
      perMillion(totalInvocations, prices.lambda.perMillionRequests) +
        gbSeconds * prices.lambda.perGbSecondArm,
      0,
      { invocations: totalInvocations, gbSeconds, syncWorkerMsPerJob: durationMs['sync-worker'] },
    ),
    dynamoDb: service(
      perMillion(writeUnits, prices.dynamoDb.perMillionWriteUnits) +
        perMillion(readUnits, prices.dynamoDb.perMillionReadUnits),
      // Storage: what one month of growth adds to every later month's bill.
      storedGbPerMonth * prices.dynamoDb.perGbMonthStorage * members,
      { writeUnits, readUnits, storedGbAddedPerMemberMonth: storedGbPerMonth },
    ),
    sqs: service(
      perMillion(sqsRequests, prices.sqs.perMillionRequests) +
        perMillion(fifoSqsRequests, prices.sqs.perMillionFifoRequests),
      perMillion(a.fixedSqsRequestsPerDay * days, prices.sqs.perMillionRequests),
      { requests: sqsRequests, fifoRequests: fifoSqsRequests, fixedRequestsPerDay: a.fixedSqsRequestsPerDay },
    ),
    kms: service(
      perMillion(kmsRequests, prices.kms.perMillionRequests),
      perMillion(a.fixedKmsRequestsPerDay * days, prices.kms.perMillionRequests) +
        a.kmsKeys * prices.kms.perKeyMonth,
      { requests: kmsRequests, webhookSecretDecrypts: webhookSecretReads, keys: a.kmsKeys },
    ),
    apiGateway: service(perMillion(apiRequests, prices.apiGateway.perMillionHttpRequests), 0, {
      requests: apiRequests,
    }),
    cloudWatch: service(
      logGb * (prices.cloudWatch.perGbLogsIngested + prices.cloudWatch.perGbMonthLogsStored),
      a.customMetrics * prices.cloudWatch.perMetricMonth + a.alarms * prices.cloudWatch.perStandardAlarmMonth,
      { logGb, functionLogBytes, customMetrics: a.customMetrics, alarms: a.alarms },
    ),
    secretsManager: service(
      0,
      a.secrets * prices.secretsManager.perSecretMonth +
        perMillion(a.secretReadsPerDay * days, prices.secretsManager.perMillionApiCalls),
      { secrets: a.secrets, readsPerDay: a.secretReadsPerDay },
    ),
    ses: service((emails / 1000) * prices.ses.perThousandEmails, 0, { emails }),
    // Cognito bills per monthly active user: every staff member who signs in during the month.
    cognito: service(0, staff * prices.cognito.perPlusMonthlyActiveUser, { monthlyActiveUsers: staff }),
  };
  const perMemberMonthUsd = Object.values(services).reduce((sum, cost) => sum + cost.perMemberMonthUsd, 0);
  return { members, perMemberMonthUsd, monthlyUsd: perMemberMonthUsd * members, services };
};
