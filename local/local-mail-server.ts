import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface LocalMailServer {
  /** `smtp://127.0.0.1:<port>`, what SMTP_URL is set to. */
  readonly url: string;
  /** Every message received so far, oldest first. */
  readonly messages: readonly ReceivedMail[];
  /** Calls the listener for each message from now on; returns a function that removes it. */
  onMail(listener: (mail: ReceivedMail) => void): () => void;
  stop(): Promise<void>;
}

const addressesOf = (field: ParsedMail['to']): string[] =>
  (Array.isArray(field) ? field : field === undefined ? [] : [field]).flatMap((group) =>
    group.value.map((entry) => entry.address ?? ''),
  );

/**
 * A real SMTP server on localhost that plays the care team's mailbox: the delivery function sends to it
 * over SMTP exactly as it would to a mail relay, and the demo prints what arrives. No TLS, no auth:
 * it listens on 127.0.0.1 only.
 */
export const startLocalMailServer = async (options: { port?: number } = {}): Promise<LocalMailServer> => {
  const messages: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            from: parsed.from?.value[0]?.address ?? '',
            to: addressesOf(parsed.to),
            subject: parsed.subject ?? '',
            text: (parsed.text ?? '').trimEnd(),
            receivedAt: new Date().toISOString(),
          };
          messages.push(mail);
          for (const listener of listeners) listener(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let stopping: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    onMail: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      stopping ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return stopping;
    },
  };
};

/** How the demo shows an email in the terminal. */
export const formatReceivedMail = (mail: ReceivedMail): string =>
  [`✉  to ${mail.to.join(', ')} · ${mail.subject}`, ...mail.text.split('\n').map((line) => `│ ${line}`)].join(
    '\n',
  );
