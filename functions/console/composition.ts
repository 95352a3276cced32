import type { Logger } from '@aws-lambda-powertools/logger';
import { consoleSessionKey } from '../../shared/adapters/console-session-key.js';
import { DynamoDbAlertStore } from '../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbAuditLog } from '../../shared/adapters/dynamodb-audit-log.js';
import { DynamoDbCareTeamRoster } from '../../shared/adapters/dynamodb-care-team-roster.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkStore } from '../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbStaffDirectory } from '../../shared/adapters/dynamodb-staff-directory.js';
import { DynamoDbThresholdStore } from '../../shared/adapters/dynamodb-threshold-store.js';
import { OidcStaffIdentityProvider } from '../../shared/adapters/oidc-staff-identity-provider.js';
import { systemClock } from '../../shared/domain/clock.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import type { AlertActions, ConsoleDeps } from './routes.js';

/** Cookies are Secure everywhere except a console served over plain http on this machine. */
const isLocalHttp = (baseUrl: string): boolean => {
  const url = new URL(baseUrl);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
};

/** The console's adapters, built once per container from the environment. */
export const createConsoleDeps = (
  logger: Logger,
  actions: (alerts: DynamoDbAlertStore) => AlertActions,
): ConsoleDeps => {
  const client = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  const publicBaseUrl = requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '');
  const secure = !isLocalHttp(publicBaseUrl);
  const alerts = new DynamoDbAlertStore(client, requireEnv(ENV.alertsTable));
  return {
    cookies: async () => ({ key: await consoleSessionKey(), secure }),
    identity: new OidcStaffIdentityProvider({
      issuer: requireEnv(ENV.consoleOidcIssuer),
      clientId: requireEnv(ENV.consoleOidcClientId),
      redirectUri: `${publicBaseUrl}/console/auth/callback`,
    }),
    staff: new DynamoDbStaffDirectory(client, directoryTable),
    roster: new DynamoDbCareTeamRoster(client, directoryTable),
    audit: new DynamoDbAuditLog(client, directoryTable),
    alerts,
    actions: actions(alerts),
    readings: new DynamoDbReadingStore(client, requireEnv(ENV.readingsTable)),
    thresholds: new DynamoDbThresholdStore(client, directoryTable),
    links: new DynamoDbLinkStore(client, directoryTable),
    invitations: new DynamoDbInvitationStore(client, directoryTable),
    directory: new DynamoDbMemberDirectory(client, directoryTable),
    clock: systemClock,
    publicBaseUrl,
    logger,
  };
};
