import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { TeamChannelStore } from '../ports/team-channel-store.js';
import type { WebhookSecretStore } from '../ports/webhook-secret-store.js';
import type * as z from '../zod-mini.js';
import { receivesFullContent, type TeamChannels, teamChannelsInputSchema } from './team-channels.js';

export class NoChannelsError extends Error {
  constructor() {
    super('Give at least one email address or a webhook URL');
    this.name = 'NoChannelsError';
  }
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export interface SetTeamChannelsResult {
  channels: TeamChannels;
  /** Which content each address will get, so the operator sees the effect of the allow-list. */
  emailContent: { address: string; content: 'full' | 'minimal' }[];
  /** Only when this call generated the secret: shown once, for the receiver's configuration. */
  generatedWebhookSecret?: string;
}

/**
 * Sets where a care team receives alerts.
 * 1. Validate addresses, the webhook URL (https) and any given secret.
 * 2. Keep the webhook secret in the secret store (generate one if none was given); keep only its reference.
 * 3. Replace the team's channels.
 */
export const setTeamChannels = async (
  input: z.input<typeof teamChannelsInputSchema>,
  deps: {
    channels: TeamChannelStore;
    webhookSecrets: WebhookSecretStore;
    clock: Clock;
    secureEmailDomains: readonly string[];
  },
): Promise<SetTeamChannelsResult> => {
  const parsed = teamChannelsInputSchema.parse(input);
  if (parsed.emails.length === 0 && parsed.webhookUrl === undefined) throw new NoChannelsError();
  const generatedWebhookSecret =
    parsed.webhookUrl !== undefined && parsed.webhookSecret === undefined ? newWebhookSecret() : undefined;
  const secret = parsed.webhookSecret ?? generatedWebhookSecret;
  const channels: TeamChannels = {
    teamId: parsed.teamId,
    ...(parsed.emails.length === 0
      ? {}
      : { email: { addresses: parsed.emails, fullContent: parsed.fullContent } }),
    ...(parsed.webhookUrl === undefined || secret === undefined
      ? {}
      : {
          webhook: {
            url: parsed.webhookUrl,
            secretRef: await deps.webhookSecrets.put(parsed.teamId, secret),
          },
        }),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: parsed.updatedBy,
  };
  await deps.channels.put(channels);
  return {
    channels,
    emailContent: parsed.emails.map((address) => ({
      address,
      content: receivesFullContent(channels, address, deps.secureEmailDomains) ? 'full' : 'minimal',
    })),
    ...(generatedWebhookSecret === undefined ? {} : { generatedWebhookSecret }),
  };
};
