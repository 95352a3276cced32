import { describe, expect, it } from 'vitest';
import { type CostAssumptions, estimateCost, syncWorkerMsPerJob } from '../../../cost/cost-model.js';
import { PRICES } from '../../../cost/prices.js';

/** Everything zero except what the hand-computed case below uses. */
const assumptions: CostAssumptions = {
  bloodPressureUploadsPerMemberDay: 1,
  readingsPerUpload: 1,
  bytesPerBloodPressureReading: 0,
  durationMs: {
    'authorize-device': 1000,
    'ingest-blood-pressure': 1000,
    'google-health-webhook': 1000,
    'evaluate-alerts': 1000,
    'deliver-alerts': 1000,
    console: 1000,
  },
  googleRequestMs: 300,
  awsRequestsPerSyncJob: 2,
  awsRequestMs: 50,
  memoryMb: {
    'authorize-device': 1024,
    'ingest-blood-pressure': 1024,
    'google-health-webhook': 1024,
    'sync-worker': 1024,
    'evaluate-alerts': 1024,
    'catch-up': 1024,
    'deliver-alerts': 1024,
    console: 1024,
  },
  catchUpRunsPerDay: 0,
  catchUpMsPerMember: 0,
  readUnitsPerSyncJob: 0,
  readUnitsPerEvaluation: 0,
  readUnitsPerCatchUpCheck: 0,
  extraWriteUnitsPerSyncJob: 0,
  // One notification a member-day to 2 email addresses and, half the time, a webhook: 2.5 targets.
  careTeamNotificationsPerMemberDay: 1,
  emailsPerNotification: 2,
  // Half the notifications also go to the team's webhook: its sealed secret read (1 unit) and decrypted (KMS).
  webhookShare: 0.5,
  readUnitsPerNotification: 1,
  fifoSqsRequestsPerNotification: 3,
  // 2 members x 0.5 = 1 staff member (Cognito MAU).
  staffPerMember: 0.5,
  consoleRequestsPerMemberDay: 1,
  consoleReadUnitsPerRequest: 2,
  consoleWriteUnitsPerRequest: 1,
  kmsRequestsPerSyncJob: 0,
  sqsRequestsPerSyncJob: 3,
  fixedSqsRequestsPerDay: 0,
  fixedKmsRequestsPerDay: 0,
  applicationLogBytesPerInvocation: {
    'authorize-device': 0,
    'ingest-blood-pressure': 0,
    'google-health-webhook': 0,
    'sync-worker': 0,
    'evaluate-alerts': 0,
    'catch-up': 0,
    'deliver-alerts': 0,
    console: 0,
  },
  systemLogBytesPerInvocation: 0,
  accessLogBytesPerRequest: 0,
  customMetrics: 0,
  alarms: 0,
  kmsKeys: 0,
  secrets: 1,
  secretReadsPerDay: 0,
};

describe('estimateCost', () => {
  // 2 members; per member-day: 1 upload (1 reading), 1 sync job writing 10 units, making 2 Google calls
  // and computing for 100 ms on a whole core.
  const measured = {
    syncJobs: 1,
    googleCalls: 2,
    wearableWriteUnits: 10,
    wearableStoredBytes: 0,
    syncJobComputeMs: 100,
  };
  const estimate = estimateCost(2, measured, assumptions, PRICES);
  const days = 30.4375;

  it('times a sync job as its computing at the CPU share of its memory plus its network waits', () => {
    // 1,024 MB is 1024/1769 of a vCPU: 100 ms x 1769/1024 = 172.75390625; 2 x 300 ms Google; 2 x 50 ms AWS.
    expect(syncWorkerMsPerJob(measured, assumptions)).toBeCloseTo(872.75390625, 9);
  });

  it('prices Lambda from invocations and GB-seconds', () => {
    // authorise 1 + ingest 1 + webhook 1 + evaluate (job + upload) 2 + deliver-alerts (notification) 1 +
    // console (request) 1 = 7 invocations of 1 s at 1 GB, and the sync job's 0.87275390625 s:
    // 8 invocations, 7.87275390625 GB-seconds.
    expect(estimate.services.lambda.counts).toEqual({
      invocations: 8,
      gbSeconds: 7.87275390625,
      syncWorkerMsPerJob: 872.75390625,
    });
    // 8 / 1e6 x 0.2 = 0.0000016; 7.87275390625 x 0.0000133334 = 0.000104970576...; sum 0.000106570576...
    const perDay = (8 / 1e6) * 0.2 + 7.87275390625 * 0.0000133334;
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(perDay * days, 12);
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(0.0032437419354162597, 12);
  });

  it('prices DynamoDB writes (wearable, readings, deliveries, console) and reads, sealed webhook secrets included', () => {
    // Writes: 10 wearable + 1 reading + 1 notification x 2.5 targets + 1 console request x 1 = 14.5.
    // Reads: 1 (upload) + 1 notification x (1 + 2.5 targets) + 0.5 sealed webhook secret reads (consistent,
    // 1 unit each) + 1 console request x 2 = 7.
    expect(estimate.services.dynamoDb.counts).toMatchObject({ writeUnits: 14.5, readUnits: 7 });
    // (14.5 x 0.7425 + 7 x 0.1485) / 1e6 a day = 0.00001180575; x 30.4375 days.
    expect(estimate.services.dynamoDb.perMemberMonthUsd).toBeCloseTo(0.000359337515625, 12);
  });

  it('prices SQS (standard and FIFO) and API Gateway requests', () => {
    // 3 sync-job requests x $0.40 + 3 notification requests x $0.50 (FIFO), per million: 2.7e-6 a day.
    expect(estimate.services.sqs.counts).toMatchObject({ requests: 3, fifoRequests: 3 });
    expect(estimate.services.sqs.perMemberMonthUsd).toBeCloseTo(0.00008218125, 12);
    // 3 requests a day (upload + webhook + console) x $1.11 per million = 3.33e-6.
    expect(estimate.services.apiGateway.perMemberMonthUsd).toBeCloseTo(0.000101356875, 12);
  });

  it('prices care-team emails with SES and staff sign-in with Cognito Plus', () => {
    // 1 notification x 2 emails = 2 a day x $0.10 / 1,000 = 0.0002 a day; x 30.4375 = 0.0060875.
    expect(estimate.services.ses.counts).toEqual({ emails: 2 });
    expect(estimate.services.ses.perMemberMonthUsd).toBeCloseTo(0.0060875, 12);
    // 1 staff member x $0.02 a month, shared by 2 members.
    expect(estimate.services.cognito.counts).toEqual({ monthlyActiveUsers: 1 });
    expect(estimate.services.cognito.perMemberMonthUsd).toBeCloseTo(0.01, 12);
    expect(estimate.services.cognito.monthlyUsd).toBeCloseTo(0.02, 12);
  });

  it('counts a KMS Decrypt for each sealed webhook secret opened (its data key)', () => {
    // 0.5 decrypts a day x $3 per million x 30.4375 = 0.00004565625.
    expect(estimate.services.kms.counts).toMatchObject({ requests: 0.5, webhookSecretDecrypts: 0.5 });
    expect(estimate.services.kms.perMemberMonthUsd).toBeCloseTo(0.00004565625, 12);
  });

  it('shares the stack’s secrets between the members; team webhook secrets are no Secrets Manager secrets', () => {
    // The stack's one secret at $0.40 a month, two members: 0.2 each; no reads counted per member.
    expect(estimate.services.secretsManager.counts).toEqual({ secrets: 1, readsPerDay: 0 });
    expect(estimate.services.secretsManager.perMemberMonthUsd).toBeCloseTo(0.2, 12);
    expect(estimate.services.secretsManager.monthlyUsd).toBeCloseTo(0.4, 12);
  });

  it('prices each function’s own log bytes per invocation, and the system log lines when they are written', () => {
    const withLogs = estimateCost(
      2,
      measured,
      {
        ...assumptions,
        applicationLogBytesPerInvocation: {
          ...assumptions.applicationLogBytesPerInvocation,
          'sync-worker': 1000,
        },
        systemLogBytesPerInvocation: 250,
      },
      PRICES,
    );
    // 1 sync job x 1,000 bytes + 8 invocations x 250 system bytes = 3,000 bytes a day = 3e-6 GB;
    // x ($0.5985 ingested + $0.0315 stored) x 30.4375 = 0.000057526875.
    expect(withLogs.services.cloudWatch.counts).toMatchObject({ functionLogBytes: 3000, logGb: 3e-6 });
    expect(withLogs.services.cloudWatch.perMemberMonthUsd).toBeCloseTo(0.000057526875, 12);
  });

  it('totals the services per member-month and for the fleet', () => {
    expect(estimate.perMemberMonthUsd).toBeCloseTo(
      0.0032437419354162597 +
        0.000359337515625 +
        0.00008218125 +
        0.000101356875 +
        0.2 +
        0.0060875 +
        0.01 +
        0.00004565625,
      12,
    );
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.perMemberMonthUsd * 2, 12);
    expect(estimate.services.cloudWatch.perMemberMonthUsd).toBe(0);
  });

  it('counts delivery and the console: without notifications or staff the estimate is cheaper by exactly them', () => {
    const without = estimateCost(
      2,
      measured,
      {
        ...assumptions,
        careTeamNotificationsPerMemberDay: 0,
        consoleRequestsPerMemberDay: 0,
        staffPerMember: 0,
      },
      PRICES,
    );
    expect(Object.keys(estimate.services)).toEqual(expect.arrayContaining(['ses', 'cognito']));
    expect(without.services.ses.perMemberMonthUsd).toBe(0);
    expect(without.services.cognito.perMemberMonthUsd).toBe(0);
    // Per member-month, what the notification and the console request add:
    // Lambda: (2 invocations x 0.2 / 1e6 + 2 GB-s x 0.0000133334) x 30.4375 = 0.000823845725
    // DynamoDB: (3.5 writes x 0.7425 + 6 reads x 0.1485) / 1e6 x 30.4375 = 0.000106219265625
    // SQS: 3 FIFO x 0.5 / 1e6 x 30.4375 = 0.00004565625; API Gateway: 1 x 1.11 / 1e6 x 30.4375 = 0.000033785625
    // KMS: 0.5 sealed secrets opened x 3 / 1e6 x 30.4375 = 0.00004565625; SES 0.0060875; Cognito 0.01.
    // Sum: 0.017142663115625.
    expect(estimate.perMemberMonthUsd - without.perMemberMonthUsd).toBeCloseTo(0.017142663115625, 12);
  });
});
