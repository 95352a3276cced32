import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbLinkStore } from '../../shared/adapters/dynamodb-link-store.js';
import { createLinkAdapters } from '../../shared/adapters/google-health/oauth-composition.js';
import { unlink } from '../../shared/domain/link/unlink.js';
import { enrolMember } from '../../shared/domain/members/enrol-member.js';
import { eraseMember } from '../../shared/domain/members/erase-member.js';
import { moveMember } from '../../shared/domain/members/move-member.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { actorOption, optionalOption, requiredOption } from '../options.js';
import { retentionRule } from '../retention-setting.js';

export const memberCreate = async (options: Record<string, unknown>, context: CliContext) => {
  const team = optionalOption(options, 'team');
  const member = await enrolMember(
    {
      name: requiredOption(options, 'name'),
      timezone: requiredOption(options, 'timezone'),
      ...(team === undefined ? {} : { teamId: team }),
    },
    context,
  );
  return { memberId: member.memberId, name: member.name, timezone: member.timezone, teamId: member.teamId };
};

export const memberMove = async (options: Record<string, unknown>, context: CliContext) =>
  moveMember(
    {
      memberId: requiredOption(options, 'member'),
      teamId: requiredOption(options, 'team'),
      movedBy: actorOption(options),
    },
    context,
  );

export const memberList = async (_options: Record<string, unknown>, context: CliContext) => ({
  members: await context.directory.listMembers(),
});

export const memberErase = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  if (options.confirm !== true) {
    throw new CliError(
      `Erasing ${memberId} cannot be undone. Run it again with --confirm (see docs/data-protection.md).`,
      2,
    );
  }
  const rule = retentionRule(optionalOption(options, 'retention'));
  const links = new DynamoDbLinkStore(createDocumentClient(), requireEnv(ENV.directoryTable));
  const invitations = new DynamoDbInvitationStore(createDocumentClient(), requireEnv(ENV.directoryTable));
  return eraseMember(memberId, actorOption(options), rule, {
    ...context,
    invitations,
    // Google's client is built only when there is a token to revoke, so erasing a member who never
    // linked a Fitbit needs no Google configuration.
    unlink: async (id) => {
      if ((await links.readTokens(id)) === undefined) {
        return { unlinked: false, revocation: 'not-needed', invitationsCancelled: 0 };
      }
      const adapters = createLinkAdapters(createDocumentClient());
      return unlink(id, {
        tokens: adapters.linkStore,
        registry: new DynamoDbLinkRegistry(createDocumentClient(), requireEnv(ENV.directoryTable)),
        vault: adapters.vault,
        oauth: adapters.oauth,
        invitations,
        clock: context.clock,
      });
    },
  });
};
