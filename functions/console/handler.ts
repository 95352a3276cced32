import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbCareTeamRoster } from '../../shared/adapters/dynamodb-care-team-roster.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStatusReader } from '../../shared/adapters/dynamodb-link-status-reader.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { consoleBaseUrl, consoleCookieSettings } from './cookie-settings.js';
import { createConsolePagesRoute } from './routes.js';

const logger = createLogger('console');
const client = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);

/**
 * The care-team console's pages under /console: inbox, member pages, print view, alert links; all read-only
 * apart from the audit trail. Sign-in (console-sign-in), the forms (console-actions) and the FHIR export
 * (fhir-export) are functions of their own.
 */
export const handler = httpHandler(
  createConsolePagesRoute({
    cookies: consoleCookieSettings(consoleBaseUrl()),
    staff: new DynamoDbStaffDirectory(client, directoryTable),
    roster: new DynamoDbCareTeamRoster(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    alerts: new DynamoDbAlertStore(client, requireEnv(ENV.alertsTable)),
    readings: new DynamoDbReadingStore(client, requireEnv(ENV.readingsTable)),
    thresholds: new DynamoDbThresholdStore(client, directoryTable),
    links: new DynamoDbLinkStatusReader(client, directoryTable),
    clock: systemClock,
    logger,
  }),
  logger,
);
