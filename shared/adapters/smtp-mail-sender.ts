import type { Transporter } from 'nodemailer';
import { DeliveryRefusedError } from '../domain/delivery/delivery-failure.js';
import type { MailMessage, MailSender } from '../domain/ports/mail-sender.js';

const responseCodeOf = (error: unknown): number | undefined =>
  typeof error === 'object' &&
  error !== null &&
  'responseCode' in error &&
  typeof error.responseCode === 'number'
    ? error.responseCode
    : undefined;

/**
 * Sends over SMTP (the local stack's mail server). A 5xx reply is a refusal; 4xx and network errors retry.
 * nodemailer is loaded on first send and kept out of the Lambda bundle (infra/function-bundling.ts): in AWS
 * mail goes through SES, and this path never runs.
 */
export class SmtpMailSender implements MailSender {
  private transport: Promise<Transporter> | undefined;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  private transportOnce(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ createTransport }) => createTransport(this.smtpUrl));
    return this.transport;
  }

  async send(message: MailMessage): Promise<void> {
    const transport = await this.transportOnce();
    try {
      await transport.sendMail({
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
