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
  },
  catchUpRunsPerDay: 0,
  catchUpMsPerMember: 0,
  readUnitsPerSyncJob: 0,
  readUnitsPerEvaluation: 0,
  readUnitsPerCatchUpCheck: 0,
  extraWriteUnitsPerSyncJob: 0,
  kmsRequestsPerSyncJob: 0,
  sqsRequestsPerSyncJob: 3,
  fixedSqsRequestsPerDay: 0,
  fixedKmsRequestsPerDay: 0,
  logBytesPerInvocation: 0,
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
    // authorise 1 + ingest 1 + webhook 1 + evaluate (job + upload) 2 = 5 invocations of 1 s at 1 GB,
    // and the sync job's 0.87275390625 s: 6 invocations, 5.87275390625 GB-seconds.
    expect(estimate.services.lambda.counts).toEqual({
      invocations: 6,
      gbSeconds: 5.87275390625,
      syncWorkerMsPerJob: 872.75390625,
    });
    const perDay = (6 / 1e6) * 0.2 + 5.87275390625 * 0.0000133334; // 0.0000795037769...
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(perDay * days, 12);
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(0.00241989621041626, 12);
  });

  it('prices DynamoDB writes (wearable plus readings) and reads', () => {
    expect(estimate.services.dynamoDb.counts).toMatchObject({ writeUnits: 11, readUnits: 1 });
    // (11 x 0.7425 + 1 x 0.1485) / 1e6 a day = 8.316e-6; x 30.4375 days.
    expect(estimate.services.dynamoDb.perMemberMonthUsd).toBeCloseTo(0.00025311825, 12);
  });

  it('prices SQS and API Gateway requests', () => {
    expect(estimate.services.sqs.perMemberMonthUsd).toBeCloseTo(0.000036525, 12);
    // 2 requests a day (upload + webhook) x $1.11 per million.
    expect(estimate.services.apiGateway.perMemberMonthUsd).toBeCloseTo(0.00006757125, 12);
  });

  it('shares fixed monthly costs between the members', () => {
    // One secret at $0.40 a month, two members.
    expect(estimate.services.secretsManager.perMemberMonthUsd).toBeCloseTo(0.2, 12);
    expect(estimate.services.secretsManager.monthlyUsd).toBeCloseTo(0.4, 12);
  });

  it('totals the services per member-month and for the fleet', () => {
    expect(estimate.perMemberMonthUsd).toBeCloseTo(
      0.00241989621041626 + 0.00025311825 + 0.000036525 + 0.00006757125 + 0.2,
      12,
    );
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.perMemberMonthUsd * 2, 12);
    expect(estimate.services.kms.perMemberMonthUsd).toBe(0);
    expect(estimate.services.cloudWatch.perMemberMonthUsd).toBe(0);
  });
});
