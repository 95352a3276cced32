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
import {
  sendWeeklySummaries,
  type WeeklySummaryRun,
} from '../../shared/domain/alerts/send-weekly-summaries.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { createLogger } from '../../shared/runtime/logger.js';

const logger = createLogger('weekly-summary');
const documentClient = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const ports = {
  members: new DynamoDbMemberDirectory(documentClient, directoryTable),
  readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
  thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
  alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
  publisher: new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl)),
  clock: systemClock,
};

/**
 * EventBridge schedule, once a week (weeklySummaryDay / weeklySummaryTime, UTC): one weekly-summary per member
 * and the threshold review check. Fails after visiting everyone if any member failed, so the retry (idempotent
 * per member and week) finishes the job.
 */
export const handler = middy<ScheduledEvent, WeeklySummaryRun>()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const run = await sendWeeklySummaries(ports, (memberId, error) =>
      logger.error('weekly summary failed', {
        memberId,
        errorName: error instanceof Error ? error.name : 'unknown',
      }),
    );
    logger.info('weekly summaries sent', { ...run });
    if (run.failures > 0) throw new Error(`The weekly summary failed for ${run.failures} members`);
    return run;
  });
