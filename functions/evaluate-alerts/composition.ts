import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { meteredAlertPublisher } from '../../shared/adapters/metered-ports.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import type { HomeAveragePorts } from '../../shared/domain/alerts/evaluate-home-average.js';
import type { StoredReadingPorts } from '../../shared/domain/alerts/evaluate-stored-reading.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';

/** Built once per cold start; fails fast when a variable is missing. */
export const createEvaluateAlertsPorts = (): StoredReadingPorts & HomeAveragePorts => {
  const documentClient = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    members: new DynamoDbMemberDirectory(documentClient, directoryTable),
    thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
    alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
    publisher: meteredAlertPublisher(new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl))),
    clock: systemClock,
    // Read only: the NICE home average reads the week's blood-pressure readings.
    readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
  };
};
