import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertOutboxStore } from '../../shared/adapters/dynamodb-alert-outbox-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberReader } from '../../shared/adapters/dynamodb-member-reader.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { GoogleHealthDataClient } from '../../shared/adapters/google-health/data-client.js';
import {
  createAccessTokenProvider,
  createLinkAdapters,
  GOOGLE_DEFAULTS,
} from '../../shared/adapters/google-health/oauth-composition.js';
import { requestsPerSecondFromEnv } from '../../shared/adapters/google-health/request-budget.js';
import {
  meteredAlertPublisher,
  meteredGoogleFetch,
  meteredOAuth,
  meteredRelinkRaiser,
} from '../../shared/adapters/metered-ports.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import { SqsSyncJobQueue } from '../../shared/adapters/sqs-sync-job-queue.js';
import { systemClock } from '../../shared/domain/clock.js';
import type { SyncMemberDependencies } from '../../shared/domain/google-health/sync-member.js';
import { alertingConsentTaskRaiser } from '../../shared/domain/link/alerting-consent-task-raiser.js';
import { alertingRelinkRaiser } from '../../shared/domain/link/alerting-relink-raiser.js';
import { ENV, optionalEnv, requireEnv } from '../../shared/runtime/environment.js';

/** Built once per container: the token provider's single-flight and the rate limiter live across jobs. */
export const createSyncWorkerPorts = (): SyncMemberDependencies => {
  const documentClient = createDocumentClient();
  // One SQS client for both queues: each client built is cold-start work.
  const sqs = new SQSClient({});
  const adapters = createLinkAdapters(documentClient);
  const linkAdapters = { ...adapters, oauth: meteredOAuth(adapters.oauth) };
  const alertPorts = {
    alerts: new DynamoDbAlertOutboxStore(documentClient, requireEnv(ENV.alertsTable)),
    publisher: meteredAlertPublisher(new SqsAlertPublisher(sqs, requireEnv(ENV.alertQueueUrl))),
    clock: systemClock,
  };
  const directory = new DynamoDbMemberReader(documentClient, requireEnv(ENV.directoryTable));
  const tokens = createAccessTokenProvider(
    linkAdapters,
    meteredRelinkRaiser(alertingRelinkRaiser(directory, alertPorts)),
  );
  return {
    queue: new SqsSyncJobQueue(sqs, requireEnv(ENV.syncQueueUrl)),
    consentTasks: alertingConsentTaskRaiser(directory, alertPorts),
    relink: alertingRelinkRaiser(directory, alertPorts),
    links: linkAdapters.linkStore,
    readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
    source: new GoogleHealthDataClient({
      baseUrl: optionalEnv(ENV.googleHealthApiUrl, GOOGLE_DEFAULTS.apiUrl),
      tokens,
      requestsPerSecond: requestsPerSecondFromEnv(process.env[ENV.googleHealthRequestsPerSecond]),
      fetch: meteredGoogleFetch(),
    }),
    clock: systemClock,
  };
};
