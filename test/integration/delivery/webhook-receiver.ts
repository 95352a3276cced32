import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  accepted: boolean;
}

/**
 * A receiver like a Teams workflow or a GP system would run: it verifies the Standard Webhooks signature
 * (with the standardwebhooks library, independently of our sender) and refuses anything unsigned or
 * signed with another secret. `failing` makes it answer 503 to valid requests, to exercise retries;
 * `status` answers valid requests with that status instead (e.g. 410, a refusal for good).
 */
export const startWebhookReceiver = async (secret: string) => {
  const received: ReceivedWebhook[] = [];
  const state: { failing: boolean; status?: number | undefined } = { failing: false };
  const verifier = new Webhook(secret);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let accepted = true;
      try {
        verifier.verify(body, request.headers as Record<string, string>);
      } catch {
        accepted = false;
      }
      received.push({ headers: request.headers, body, accepted });
      response.statusCode = !accepted ? 401 : state.failing ? 503 : (state.status ?? 204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/care-team`,
    received,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
