import { Webhook } from 'standardwebhooks';
import { DeliveryRefusedError, REFUSING_WEBHOOK_STATUSES } from '../domain/delivery/delivery-failure.js';
import type { WebhookDelivery, WebhookSender } from '../domain/ports/webhook-sender.js';

export class WebhookRejectedError extends Error {
  constructor(readonly status: number) {
    super(`The webhook receiver answered ${status}`);
    this.name = 'WebhookRejectedError';
  }
}

/**
 * Posts a webhook signed by the Standard Webhooks scheme: `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">` with the `whsec_` secret. Times out rather than hold the queue. A status that
 * says the request can never be accepted is a refusal (not retried); any other non-2xx is retried.
 */
export class StandardWebhookSender implements WebhookSender {
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs = 10_000,
  ) {}

  async send(delivery: WebhookDelivery): Promise<void> {
    const sentAt = this.now();
    const signature = new Webhook(delivery.secret).sign(delivery.webhookId, sentAt, delivery.body);
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.webhookId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.body?.cancel();
    if (REFUSING_WEBHOOK_STATUSES.includes(response.status))
      throw new DeliveryRefusedError(`webhook receiver answered ${response.status}`);
    if (!response.ok) throw new WebhookRejectedError(response.status);
  }
}
