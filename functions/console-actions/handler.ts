import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbCareTeamRoster } from '../../shared/adapters/dynamodb-care-team-roster.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { acknowledgeAlert } from '../../shared/domain/alerts/acknowledge-alert.js';
import { snoozeAlert } from '../../shared/domain/alerts/snooze-alert.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { consoleBaseUrl, consoleCookieSettings } from '../console/cookie-settings.js';
import { createConsoleActionsRoute } from './routes.js';

const logger = createLogger('console-actions');
const client = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const alerts = new DynamoDbAlertStore(client, requireEnv(ENV.alertsTable));

/** The console's alert forms: acknowledge and snooze, through the same use cases as the CLI. */
export const handler = httpHandler(
  createConsoleActionsRoute({
    cookies: consoleCookieSettings(consoleBaseUrl()),
    staff: new DynamoDbStaffDirectory(client, directoryTable),
    roster: new DynamoDbCareTeamRoster(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    alerts,
    actions: {
      // The same use cases as `pulse-relay alerts ack` and `alerts snooze`.
      acknowledge: (input) => acknowledgeAlert({ alerts, clock: systemClock }, input),
      snooze: (input) => snoozeAlert({ alerts, clock: systemClock }, input),
    },
    clock: systemClock,
    logger,
  }),
  logger,
);
