import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStore } from '../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import type { StoredReadingPorts } from '../../shared/domain/alerts/evaluate-stored-reading.js';
import { systemClock } from '../../shared/domain/clock.js';
import { alertPolicyFromEnv } from '../../shared/runtime/alert-policy-from-env.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';

/** Built once per cold start; fails fast when a variable is missing. */
export const createEvaluateAlertsPorts = (): StoredReadingPorts => {
  const documentClient = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    members: new DynamoDbMemberDirectory(documentClient, directoryTable),
    thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
    readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
    links: new DynamoDbLinkStore(documentClient, directoryTable),
    policy: alertPolicyFromEnv(),
    alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
    publisher: new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl)),
    clock: systemClock,
  };
};
