import { FUNCTION_SETTINGS } from '../infra/function-settings.js';
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
  },
  catchUpRunsPerDay: 48,
  catchUpMsPerMember: 3,
  readUnitsPerSyncJob: 3.5,
  readUnitsPerEvaluation: 1.5,
  readUnitsPerCatchUpCheck: 2,
  extraWriteUnitsPerSyncJob: 2,
  // Decrypt of the token data key; sealing refreshed tokens reuses that key (shared/adapters/token-vault-kms.ts).
  kmsRequestsPerSyncJob: 1,
  sqsRequestsPerSyncJob: 3,
  // Two sync-worker pollers long-polling (20 s) around the clock, and the alert consumer's.
  fixedSqsRequestsPerDay: 3 * 4_320,
  // Queue and table data keys (5-minute reuse) for each principal that uses them.
  fixedKmsRequestsPerDay: 5_000,
  logBytesPerInvocation: 1_500,
  accessLogBytesPerRequest: 400,
  // docs/deploy.md "Metrics": every name x dimension value seen in normal running.
  customMetrics: 36,
  // Two per function (errors, throttles), four service alarms, evaluation age, alerts waiting, five failure queues.
  alarms: 25,
  kmsKeys: 2,
  secrets: 2,
  secretReadsPerDay: 200,
};
