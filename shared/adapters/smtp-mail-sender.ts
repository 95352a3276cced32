import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailSender } from '../domain/ports/mail-sender.js';

/** Sends over SMTP (the local stack's mail server). */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}
