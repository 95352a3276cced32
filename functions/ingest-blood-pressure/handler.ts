import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createIngestRoute } from './ingest-route.js';

const logger = createLogger('ingest-blood-pressure');
const documentClient = createDocumentClient();

/** POST /v1/blood-pressure behind the device authoriser: validate, normalise, put-if-absent, per-item results. */
export const handler = httpHandler(
  createIngestRoute(
    {
      directory: new DynamoDbMemberDirectory(documentClient, requireEnv(ENV.directoryTable)),
      store: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
      clock: systemClock,
    },
    logger,
  ),
  logger,
);
