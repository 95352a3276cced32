import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import { refusedReadingReporter } from '../../shared/domain/alerts/report-refused-readings.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createIngestRoute } from './ingest-route.js';

const logger = createLogger('ingest-blood-pressure');
const documentClient = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);

/**
 * POST /v1/blood-pressure behind the device authoriser: validate, normalise, put-if-absent, per-item results.
 * A refused item with a severe blood pressure raises a reading-refused staff task; refusals are counted.
 */
export const handler = httpHandler(
  createIngestRoute(
    {
      directory: new DynamoDbMemberDirectory(documentClient, directoryTable),
      store: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
      clock: systemClock,
      reportRefused: refusedReadingReporter({
        thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
        alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
        publisher: new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl)),
        clock: systemClock,
      }),
    },
    logger,
  ),
  logger,
);
