export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email (SES in AWS, SMTP locally). Throws when the message was not accepted. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}
