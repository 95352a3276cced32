import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbCareTeamRoster } from '../../shared/adapters/dynamodb-care-team-roster.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbMemberReader } from '../../shared/adapters/dynamodb-member-reader.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { consoleBaseUrl, consoleCookieSettings } from '../console/cookie-settings.js';
import { createInvitationRoute } from './routes.js';

const logger = createLogger('console-invitations');
const client = createDocumentClient();
const directoryTable = requireEnv(ENV.directoryTable);
const publicBaseUrl = consoleBaseUrl();

/** The console's Fitbit link invitations: created for a member of the staff user's team, shown as a QR code. */
export const handler = httpHandler(
  createInvitationRoute({
    cookies: consoleCookieSettings(publicBaseUrl),
    staff: new DynamoDbStaffDirectory(client, directoryTable),
    roster: new DynamoDbCareTeamRoster(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    directory: new DynamoDbMemberReader(client, directoryTable),
    invitations: new DynamoDbInvitationStore(client, directoryTable),
    clock: systemClock,
    publicBaseUrl,
    logger,
  }),
  logger,
);
