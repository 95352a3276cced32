import { teamIdSchema } from '../teams/team-id.js';
import * as z from '../zod-mini.js';

/**
 * Where a care team wants its alerts. The webhook's signing secret is not here: it lives in the webhook
 * secret store (Secrets Manager in AWS) and only its reference is kept.
 */
export interface TeamChannels {
  teamId: string;
  email?: {
    addresses: string[];
    /**
     * The team asked for full alert content (explanation, readings) by email. Only addresses on an
     * allow-listed secure domain get it; every other address still gets the minimal email.
     */
    fullContent: boolean;
  };
  webhook?: { url: string; secretRef: string };
  updatedAt: string;
  updatedBy: string;
}

const httpsOrLocalUrl = z.url().check(
  z.refine(
    (value) => {
      // Refinements run even after z.url() refused the value; that refusal is the message then.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    },
    { message: 'must be an https:// URL (http:// only for localhost)' },
  ),
);

export const teamChannelsInputSchema = z.strictObject({
  teamId: teamIdSchema,
  emails: z._default(z.array(z.email('must be an email address')).check(z.maxLength(10)), []),
  fullContent: z._default(z.boolean(), false),
  webhookUrl: z.optional(httpsOrLocalUrl),
  /** Standard Webhooks secret (`whsec_` + base64 of 24-64 bytes); generated when a webhook is set without one. */
  webhookSecret: z.optional(
    z
      .string()
      .check(
        z.regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'must be whsec_ followed by base64 of 24 to 64 bytes'),
      ),
  ),
  updatedBy: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});

/** The domain part of an email address, lower-cased. */
export const emailDomainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Full content goes only to addresses whose domain is exactly on the allow-list (e.g. nhs.net). */
export const receivesFullContent = (
  channels: TeamChannels,
  address: string,
  secureDomains: readonly string[],
): boolean => channels.email?.fullContent === true && secureDomains.includes(emailDomainOf(address));
