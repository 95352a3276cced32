import { alertStoreContract } from '../../contracts/alert-store.contract.js';
import { auditLogContract } from '../../contracts/audit-log.contract.js';
import { deviceRegistryContract } from '../../contracts/device-registry.contract.js';
import { linkStoreContract } from '../../contracts/link-store.contract.js';
import { memberDirectoryContract } from '../../contracts/member-directory.contract.js';
import { readingStoreContract } from '../../contracts/reading-store.contract.js';
import { thresholdStoreContract } from '../../contracts/threshold-store.contract.js';
import { webhookSecretStoreContract } from '../../contracts/webhook-secret-store.contract.js';
import { InMemoryAlertStore } from '../../fakes/alert-store.js';
import { InMemoryAuditLog } from '../../fakes/audit-log.js';
import { InMemoryDeviceRegistry } from '../../fakes/device-registry.js';
import { InMemoryLinkStore } from '../../fakes/link-store.js';
import { InMemoryMemberDirectory } from '../../fakes/member-directory.js';
import { InMemoryReadingStore } from '../../fakes/reading-store.js';
import { InMemoryThresholdStore } from '../../fakes/threshold-store.js';
import { InMemoryWebhookSecrets } from '../domain/delivery/in-memory-delivery-ports.js';

// The same contracts run against the DynamoDB adapters in test/integration/contracts/.
const FAKE = 'the in-memory fake';

linkStoreContract(FAKE, () => new InMemoryLinkStore());
readingStoreContract(FAKE, () => new InMemoryReadingStore());
alertStoreContract(FAKE, () => new InMemoryAlertStore());
thresholdStoreContract(FAKE, () => new InMemoryThresholdStore());
memberDirectoryContract(FAKE, () => new InMemoryMemberDirectory());
auditLogContract(FAKE, () => new InMemoryAuditLog());
deviceRegistryContract(FAKE, () => {
  const members = new InMemoryMemberDirectory();
  const auditLog = new InMemoryAuditLog();
  return { devices: new InMemoryDeviceRegistry({ members, auditLog }), members, audit: auditLog };
});
webhookSecretStoreContract(FAKE, () => new InMemoryWebhookSecrets());
