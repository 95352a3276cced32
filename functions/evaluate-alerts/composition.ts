import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbDeviceRegistry } from '../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStatusReader } from '../../shared/adapters/dynamodb-link-status-reader.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { meteredAlertPublisher } from '../../shared/adapters/metered-ports.js';
import { SqsAlertPublisher } from '../../shared/adapters/sqs-alert-publisher.js';
import type { HomeAveragePorts } from '../../shared/domain/alerts/evaluate-home-average.js';
import type { StoredReadingPorts } from '../../shared/domain/alerts/evaluate-stored-reading.js';
import { systemClock } from '../../shared/domain/clock.js';
import { alertPolicyFromEnv } from '../../shared/runtime/alert-policy-from-env.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';

/** Built once per cold start; fails fast when a variable is missing. */
export const createEvaluateAlertsPorts = (): StoredReadingPorts & HomeAveragePorts => {
  const documentClient = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    members: new DynamoDbMemberDirectory(documentClient, directoryTable),
    thresholds: new DynamoDbThresholdStore(documentClient, directoryTable),
    // Read only: the rules (SpO2 nights) and the NICE home average read earlier readings.
    readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
    // When the reading's monitor was registered: older readings only count in a baseline summary.
    devices: new DynamoDbDeviceRegistry(documentClient, directoryTable),
    // The link's status only: this function never reads the sealed OAuth tokens.
    links: new DynamoDbLinkStatusReader(documentClient, directoryTable),
    policy: alertPolicyFromEnv(),
    alerts: new DynamoDbAlertStore(documentClient, requireEnv(ENV.alertsTable)),
    publisher: meteredAlertPublisher(new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl))),
    clock: systemClock,
  };
};
