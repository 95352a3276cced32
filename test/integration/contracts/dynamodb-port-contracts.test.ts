import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbDeviceRegistry } from '../../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../../shared/adapters/dynamodb-threshold-store.js';
import { KmsWebhookSecrets } from '../../../shared/adapters/kms-webhook-secrets.js';
import { LocalWebhookSecrets } from '../../../shared/adapters/local-webhook-secrets.js';
import { alertStoreContract } from '../../contracts/alert-store.contract.js';
import { auditLogContract } from '../../contracts/audit-log.contract.js';
import { deviceRegistryContract } from '../../contracts/device-registry.contract.js';
import { combinedLinkStore, linkStoreContract } from '../../contracts/link-store.contract.js';
import { memberDirectoryContract } from '../../contracts/member-directory.contract.js';
import { readingStoreContract } from '../../contracts/reading-store.contract.js';
import { thresholdStoreContract } from '../../contracts/threshold-store.contract.js';
import { webhookSecretStoreContract } from '../../contracts/webhook-secret-store.contract.js';
import { fakeKmsEnvelope } from '../../fakes/kms-envelope.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';

// The same contracts run against the in-memory fakes in test/unit/fakes/port-contracts.test.ts.
let stack: IsolatedStack;
beforeAll(async () => {
  stack = await createIsolatedStack();
});
afterAll(async () => {
  await stack?.stop();
});

const client = () => createDocumentClient();
const tables = () => stack.resources.tables;
const ADAPTER = 'the DynamoDB adapter on DynamoDB Local';

linkStoreContract(ADAPTER, () =>
  combinedLinkStore(
    new DynamoDbLinkStore(client(), tables().directory, 2),
    new DynamoDbLinkRegistry(client(), tables().directory),
    new DynamoDbInvitationStore(client(), tables().directory),
  ),
);
readingStoreContract(ADAPTER, () => new DynamoDbReadingStore(client(), tables().readings));
alertStoreContract(ADAPTER, () => new DynamoDbAlertStore(client(), tables().alerts));
thresholdStoreContract(ADAPTER, () => new DynamoDbThresholdStore(client(), tables().directory));
memberDirectoryContract(ADAPTER, () => new DynamoDbMemberDirectory(client(), tables().directory));
auditLogContract(ADAPTER, () => new DynamoDbAuditLog(client(), tables().directory));
deviceRegistryContract(ADAPTER, () => ({
  devices: new DynamoDbDeviceRegistry(client(), tables().directory),
  members: new DynamoDbMemberDirectory(client(), tables().directory),
  audit: new DynamoDbAuditLog(client(), tables().directory),
}));
// Team webhook secrets on the TEAM item: sealed by KMS envelope encryption (AWS; KMS faked) or the local key.
webhookSecretStoreContract(
  'KMS-sealed team item on DynamoDB Local',
  () =>
    new KmsWebhookSecrets(client(), tables().directory, fakeKmsEnvelope(), 'alias/pulse-relay/test/tokens'),
);
webhookSecretStoreContract(
  'locally sealed team item on DynamoDB Local',
  () => new LocalWebhookSecrets(client(), tables().directory, randomBytes(32).toString('base64')),
);
