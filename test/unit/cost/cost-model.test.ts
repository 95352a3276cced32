import { describe, expect, it } from 'vitest';
import { type CostAssumptions, estimateCost } from '../../../cost/cost-model.js';
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
    'sync-worker': 1000,
    'evaluate-alerts': 1000,
  },
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
  // 2 members; per member-day: 1 upload (1 reading), 1 sync job writing 10 units.
  const estimate = estimateCost(
    2,
    { syncJobs: 1, googleCalls: 0, wearableWriteUnits: 10, wearableStoredBytes: 0 },
    assumptions,
    PRICES,
  );
  const days = 30.4375;

  it('prices Lambda from invocations and GB-seconds', () => {
    // authorise 1 + ingest 1 + webhook 1 + sync 1 + evaluate (job + upload) 2 = 6 invocations of 1 s at 1 GB.
    expect(estimate.services.lambda.counts).toEqual({ invocations: 6, gbSeconds: 6 });
    const perDay = (6 / 1e6) * 0.2 + 6 * 0.0000133334; // 0.0000812004
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(perDay * days, 12);
    expect(estimate.services.lambda.perMemberMonthUsd).toBeCloseTo(0.002471537175, 12);
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
      0.002471537175 + 0.00025311825 + 0.000036525 + 0.00006757125 + 0.2,
      12,
    );
    expect(estimate.monthlyUsd).toBeCloseTo(estimate.perMemberMonthUsd * 2, 12);
    expect(estimate.services.kms.perMemberMonthUsd).toBe(0);
    expect(estimate.services.cloudWatch.perMemberMonthUsd).toBe(0);
  });
});
