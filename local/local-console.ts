import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '../shared/adapters/dynamodb-document-client.js';
import { DynamoDbStaffDirectory } from '../shared/adapters/dynamodb-staff-directory.js';
import { ENV } from '../shared/runtime/environment.js';
import {
  type LocalStaffIdentityProvider,
  type LocalStaffUser,
  startStaffIdentityProvider,
} from './staff-identity-provider.js';

export interface LocalConsole {
  readonly identityProvider: LocalStaffIdentityProvider;
  readonly users: readonly LocalStaffUser[];
  /** Variables for the console function: the local OpenID provider and a fresh session key. */
  readonly environment: Record<string, string>;
  /** Puts the staff users in the directory (call once the tables exist and process.env points at them). */
  seedStaff(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The console's local surroundings: a real OpenID provider with the given staff users, the variables
 * that point the console at it, and their staff-directory entries. `apiUrl` must be known before the
 * local stack starts: it is the provider's only allowed redirect.
 */
export const startLocalConsole = async (
  apiUrl: string,
  users: readonly LocalStaffUser[],
): Promise<LocalConsole> => {
  const identityProvider = await startStaffIdentityProvider({
    redirectUri: `${apiUrl}/console/auth/callback`,
    users,
  });
  return {
    identityProvider,
    users,
    environment: {
      [ENV.consoleOidcIssuer]: identityProvider.issuer,
      [ENV.consoleOidcClientId]: identityProvider.clientId,
      [ENV.consoleSessionKey]: randomBytes(32).toString('base64'),
    },
    seedStaff: async () => {
      const directory = new DynamoDbStaffDirectory(
        createDocumentClient(),
        String(process.env[ENV.directoryTable]),
      );
      for (const user of users)
        await directory.addToTeam({ email: user.email, name: user.name, teamId: user.teamId });
    },
    stop: () => identityProvider.stop(),
  };
};
