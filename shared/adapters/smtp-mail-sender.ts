import { createTransport, type Transporter } from 'nodemailer';
import { DeliveryRefusedError } from '../domain/delivery/delivery-failure.js';
import type { MailMessage, MailSender } from '../domain/ports/mail-sender.js';

const responseCodeOf = (error: unknown): number | undefined =>
  typeof error === 'object' &&
  error !== null &&
  'responseCode' in error &&
  typeof error.responseCode === 'number'
    ? error.responseCode
    : undefined;

/** Sends over SMTP (the local stack's mail server). A 5xx reply is a refusal; 4xx and network errors retry. */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (error) {
      const code = responseCodeOf(error);
      if (code !== undefined && code >= 500) throw new DeliveryRefusedError(`SMTP ${code}`);
      throw error;
    }
  }
}
