import qrcode from 'qrcode-terminal';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbLinkStore } from '../../shared/adapters/dynamodb-link-store.js';
import { createLinkAdapters } from '../../shared/adapters/google-health/oauth-composition.js';
import { systemClock } from '../../shared/domain/clock.js';
import { cancelInvitation } from '../../shared/domain/link/cancel-invitation.js';
import { createInvitation } from '../../shared/domain/link/create-invitation.js';
import { linkStatus } from '../../shared/domain/link/link-status.js';
import { unlink } from '../../shared/domain/link/unlink.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { actorOption, optionalOption, requiredOption } from '../options.js';

const linkStore = () => new DynamoDbLinkStore(createDocumentClient(), requireEnv(ENV.directoryTable));
const invitationStore = () =>
  new DynamoDbInvitationStore(createDocumentClient(), requireEnv(ENV.directoryTable));

/** Prints the QR code on stderr so stdout stays one JSON document. */
const printQrCode = (url: string) =>
  qrcode.generate(url, { small: true }, (code: string) => process.stderr.write(`${code}\n`));

export const linkInvite = async (options: Record<string, unknown>, context: CliContext) => {
  const ttl = optionalOption(options, 'ttl-hours');
  const ttlHours = ttl === undefined ? undefined : Number(ttl);
  if (ttlHours !== undefined && !(ttlHours > 0 && ttlHours <= 336)) {
    throw new CliError('--ttl-hours must be a number above 0 and at most 336 (14 days)', 2);
  }
  const invitation = await createInvitation(
    requiredOption(options, 'member'),
    { ...context, invitations: invitationStore(), publicBaseUrl: requireEnv(ENV.publicBaseUrl) },
    ttlHours,
  );
  printQrCode(invitation.url);
  return invitation;
};

export const linkStatusCommand = async (options: Record<string, unknown>) => {
  const memberId = requiredOption(options, 'member');
  return { memberId, ...(await linkStatus(memberId, { links: linkStore() })) };
};

export const linkRemove = async (options: Record<string, unknown>) => {
  const memberId = requiredOption(options, 'member');
  const adapters = createLinkAdapters(createDocumentClient());
  const outcome = await unlink(memberId, {
    tokens: adapters.linkStore,
    registry: new DynamoDbLinkRegistry(createDocumentClient(), requireEnv(ENV.directoryTable)),
    vault: adapters.vault,
    oauth: adapters.oauth,
    invitations: invitationStore(),
    clock: systemClock,
  });
  return { memberId, ...outcome };
};

export const linkCancel = async (options: Record<string, unknown>, context: CliContext) =>
  cancelInvitation(requiredOption(options, 'invitation'), actorOption(options), {
    ...context,
    invitations: invitationStore(),
  });
