import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbExportAuditLog } from '../../shared/adapters/dynamodb-export-audit-log.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { systemClock } from '../../shared/domain/clock.js';
import { teamStaffAccess } from '../../shared/domain/teams/team-staff-access.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createExportRoute } from './export-route.js';

const logger = createLogger('export-fhir');
const documentClient = createDocumentClient();

/** GET /fhir/R4/Observation for signed-in staff: their teams' members only, every export audited. */
export const handler = httpHandler(
  createExportRoute({
    access: teamStaffAccess(new DynamoDbMemberDirectory(documentClient, requireEnv(ENV.directoryTable))),
    readings: new DynamoDbReadingStore(documentClient, requireEnv(ENV.readingsTable)),
    audit: new DynamoDbExportAuditLog(documentClient, requireEnv(ENV.alertsTable)),
    clock: systemClock,
    baseUrl: requireEnv(ENV.publicBaseUrl).replace(/\/+$/, ''),
  }),
  logger,
);
