import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import { systemClock } from '../../shared/domain/clock.js';
import { alertPolicyFromEnv } from '../../shared/runtime/alert-policy-from-env.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { runFollowUp } from './follow-up.js';

const logger = createLogger('alert-follow-up');
const documentClient = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const deps = {
  alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
  publisher: new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl)),
  clock: systemClock,
  members: new DynamoDbMemberDirectory(documentClient, directoryTable),
  thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
  readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
  policy: alertPolicyFromEnv(),
  logger,
};

/** EventBridge schedule: reminders, held baseline summaries and the bp-no-readings check. */
export const handler = middy<ScheduledEvent, Awaited<ReturnType<typeof runFollowUp>>>()
  .use(injectLambdaContext(logger))
  .handler(() => runFollowUp(deps));
