import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import {
  createLinkAdapters,
  GOOGLE_DEFAULTS,
} from '../../shared/adapters/google-health/oauth-composition.js';
import { GoogleHealthAccountReader } from '../../shared/adapters/google-health/oauth-health-account-reader.js';
import { SqsSyncJobQueue } from '../../shared/adapters/sqs-sync-job-queue.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, optionalEnv, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createLinkPagesRoute } from './routes.js';

const logger = createLogger('link-pages');
const documentClient = createDocumentClient();
const { linkStore, oauth, vault } = createLinkAdapters(documentClient);
const directoryTable = requireEnv(ENV.directoryTable);
const syncJobs = new SqsSyncJobQueue(new SQSClient({}), requireEnv(ENV.syncQueueUrl));

export const handler = httpHandler(
  createLinkPagesRoute({
    invitations: new DynamoDbInvitationStore(documentClient, directoryTable),
    registry: new DynamoDbLinkRegistry(documentClient, directoryTable),
    links: linkStore,
    directory: new DynamoDbMemberDirectory(documentClient, directoryTable),
    oauth,
    accounts: new GoogleHealthAccountReader(optionalEnv(ENV.googleHealthApiUrl, GOOGLE_DEFAULTS.apiUrl)),
    vault,
    sendSyncJob: (job) => syncJobs.send([job]),
    clock: systemClock,
    logger,
    secureCookies: !requireEnv(ENV.publicBaseUrl).startsWith('http://'),
  }),
  logger,
);
