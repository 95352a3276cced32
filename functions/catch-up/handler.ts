import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { meteredAlertPublisher } from '../../shared/adapters/metered-ports.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import { SqsSyncJobQueue } from '../../shared/adapters/sqs-sync-job-queue.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { runCatchUp } from './catch-up.js';

const logger = createLogger('catch-up');

const staleAfterFromEnv = (raw: string | undefined): { staleAfterHours?: number } => {
  if (raw === undefined || raw === '') return {};
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new Error(`${ENV.catchUpStaleAfterMinutes} must be a number of minutes, not "${raw}"`);
  }
  return { staleAfterHours: minutes / 60 };
};
const documentClient = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const sqs = new SQSClient({});
const deps = {
  links: new DynamoDbLinkStore(documentClient, directoryTable),
  queue: new SqsSyncJobQueue(sqs, requireEnv(ENV.syncQueueUrl)),
  clock: systemClock,
  members: new DynamoDbMemberDirectory(documentClient, directoryTable),
  thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
  alerts: {
    alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
    publisher: meteredAlertPublisher(new SqsAlertPublisher(sqs, requireEnv(ENV.alertQueueUrl))),
    clock: systemClock,
  },
  logger,
  // Unset in AWS (webhooks carry sync; 6 hours). The local stack against a real Google sets 0.
  ...staleAfterFromEnv(process.env[ENV.catchUpStaleAfterMinutes]),
};

/** EventBridge schedule (every 30 minutes): catch-up syncs and the wearable-no-data check. */
export const handler = middy<ScheduledEvent, { queued: number; checked: number }>()
  .use(injectLambdaContext(logger))
  .handler(() => runCatchUp(deps));
