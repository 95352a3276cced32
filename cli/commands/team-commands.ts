import {
  createWebhookSecretStore,
  secureEmailDomainsFromEnv,
} from '../../shared/adapters/delivery-composition.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbTeamChannelStore } from '../../shared/adapters/dynamodb-team-channel-store.js';
import { setTeamChannels } from '../../shared/domain/delivery/set-team-channels.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { actorOption, optionalOption, requiredOption } from '../options.js';

const channelStore = () =>
  new DynamoDbTeamChannelStore(createDocumentClient(), requireEnv(ENV.directoryTable));

const fullContentOption = (options: Record<string, unknown>): boolean => {
  const raw = optionalOption(options, 'full-content') ?? 'false';
  if (raw !== 'true' && raw !== 'false') throw new CliError('--full-content must be true or false', 2);
  return raw === 'true';
};

/** `team channels set --team ID [--email a@b,c@d] [--webhook URL [--webhook-secret whsec_…]] [--full-content true]` */
export const teamChannelsSet = async (options: Record<string, unknown>, context: CliContext) => {
  const emails = (optionalOption(options, 'email') ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const webhookUrl = optionalOption(options, 'webhook');
  const webhookSecret = optionalOption(options, 'webhook-secret');
  const result = await setTeamChannels(
    {
      teamId: requiredOption(options, 'team'),
      emails,
      fullContent: fullContentOption(options),
      ...(webhookUrl === undefined ? {} : { webhookUrl }),
      ...(webhookSecret === undefined ? {} : { webhookSecret }),
      updatedBy: actorOption(options),
    },
    {
      channels: channelStore(),
      webhookSecrets: createWebhookSecretStore(createDocumentClient()),
      clock: context.clock,
      secureEmailDomains: secureEmailDomainsFromEnv(),
    },
  );
  return {
    ...result,
    ...(result.generatedWebhookSecret === undefined
      ? {}
      : { note: 'Give generatedWebhookSecret to the receiver now: it is not shown again.' }),
  };
};

export const teamChannelsGet = async (options: Record<string, unknown>) => {
  const teamId = requiredOption(options, 'team');
  const channels = await channelStore().get(teamId);
  if (channels === undefined) throw new CliError(`Team ${teamId} has no delivery channels`);
  return { ...channels, secureEmailDomains: secureEmailDomainsFromEnv() };
};
