import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { DeliveryRefusedError } from '../domain/delivery/delivery-failure.js';
import type { MailMessage, MailSender } from '../domain/ports/mail-sender.js';

/**
 * The SDK package, loaded on the first email rather than at cold start: a team may take webhooks only,
 * and the consumer's init stays at its floor (npm run bench).
 */
const sesSdk = () => import('@aws-sdk/client-sesv2');

/**
 * Sends through Amazon SES v2 from the verified sender identity. MessageRejected (for example an address
 * on the suppression list) is a refusal; throttling, a paused account or an unverified sender are thrown
 * as they are and retried, so fixing the configuration and redriving the dead-letter queue delivers them.
 */
export class SesMailSender implements MailSender {
  private client: Promise<SESv2Client> | undefined;

  constructor(
    /** A client, or none: one is created on the first send. */
    private readonly given: SESv2Client | undefined,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const { MessageRejected, SendEmailCommand } = await sesSdk();
    this.client ??=
      this.given === undefined
        ? sesSdk().then((sdk) => new sdk.SESv2Client({}))
        : Promise.resolve(this.given);
    try {
      await (await this.client).send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
        }),
      );
    } catch (error) {
      if (error instanceof MessageRejected) throw new DeliveryRefusedError('SES MessageRejected');
      throw error;
    }
  }
}
