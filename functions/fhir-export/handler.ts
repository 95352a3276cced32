import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbCareTeamRoster } from '../../shared/adapters/dynamodb-care-team-roster.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { consoleBaseUrl, consoleCookieSettings } from '../console/cookie-settings.js';
import { createFhirExportRoute } from './route.js';

const logger = createLogger('fhir-export');
const client = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const publicBaseUrl = consoleBaseUrl();

/** FHIR R4 Observation search for GP records, behind the console's sign-in and team check. */
export const handler = httpHandler(
  createFhirExportRoute({
    cookies: consoleCookieSettings(publicBaseUrl),
    staff: new DynamoDbStaffDirectory(client, directoryTable),
    roster: new DynamoDbCareTeamRoster(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    readings: new DynamoDbReadingStore(client, requireEnv(ENV.readingsTable)),
    clock: systemClock,
    publicBaseUrl,
    logger,
  }),
  logger,
);
