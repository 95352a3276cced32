import { MessageRejected, type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DeliveryRefusedError } from '../domain/delivery/delivery-failure.js';
import type { MailMessage, MailSender } from '../domain/ports/mail-sender.js';

/**
 * Sends through Amazon SES v2 from the verified sender identity. MessageRejected (for example an address
 * on the suppression list) is a refusal; throttling, a paused account or an unverified sender are thrown
 * as they are and retried, so fixing the configuration and redriving the dead-letter queue delivers them.
 */
export class SesMailSender implements MailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    try {
      await this.client.send(
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
