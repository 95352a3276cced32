export interface WebhookDelivery {
  url: string;
  /** Standard Webhooks secret, `whsec_…`. */
  secret: string;
  /** Same on every retry of the same notification, so the receiver can deduplicate. */
  webhookId: string;
  body: string;
}

/** Posts one signed webhook (Standard Webhooks). Throws unless the receiver answered 2xx. */
export interface WebhookSender {
  send(delivery: WebhookDelivery): Promise<void>;
}
