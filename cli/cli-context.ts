import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbAlertStore } from '../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbDeviceRegistry } from '../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStatusReader } from '../shared/adapters/dynamodb-link-status-reader.js';
import { DynamoDbMemberDirectory } from '../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbMemberRecordEraser } from '../shared/adapters/dynamodb-member-record-eraser.js';
import { DynamoDbReadingStore } from '../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../shared/adapters/dynamodb-threshold-store.js';
import { SqsAlertPublisher } from '../shared/adapters/sqs-alert-publisher.js';
import { systemClock } from '../shared/domain/clock.js';
import { alertPolicyFromEnv } from '../shared/runtime/alert-policy-from-env.js';
import { ENV, requireEnv } from '../shared/runtime/environment.js';

/** The adapters a CLI command needs, built once the stack environment is loaded. */
export const createCliContext = () => {
  const client = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    clock: systemClock,
    directory: new DynamoDbMemberDirectory(client, directoryTable),
    devices: new DynamoDbDeviceRegistry(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    thresholds: new DynamoDbThresholdStore(client, directoryTable),
    readings: new DynamoDbReadingStore(client, requireEnv(ENV.readingsTable)),
    eraser: new DynamoDbMemberRecordEraser(client, {
      readings: requireEnv(ENV.readingsTable),
      directory: directoryTable,
      alerts: requireEnv(ENV.alertsTable),
    }),
    alerts: new DynamoDbAlertStore(client, requireEnv(ENV.alertsTable)),
    /** Only `alerts reevaluate` sends to the care-team queue; built on first use. */
    evaluationPorts: () => {
      const members = new DynamoDbMemberDirectory(client, directoryTable);
      return {
        members,
        devices: new DynamoDbDeviceRegistry(client, directoryTable),
        thresholds: new DynamoDbThresholdStore(client, directoryTable),
        readings: new DynamoDbReadingStore(client, requireEnv(ENV.readingsTable)),
        links: new DynamoDbLinkStatusReader(client, directoryTable),
        alerts: new DynamoDbAlertStore(client, requireEnv(ENV.alertsTable)),
        publisher: new SqsAlertPublisher(new SQSClient({}), requireEnv(ENV.alertQueueUrl)),
        clock: systemClock,
        policy: alertPolicyFromEnv(),
      };
    },
  };
};

export type CliContext = ReturnType<typeof createCliContext>;
