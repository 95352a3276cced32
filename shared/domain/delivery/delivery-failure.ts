/**
 * The receiver refused this one message for good (an SMTP 5xx for the address, SES MessageRejected, a
 * webhook 400/404/410/413/422): sending it again cannot succeed, so it is not retried. Anything else (time
 * out, 5xx, throttling, a missing secret or sender identity that an operator can fix) is retried and, in
 * the end, dead-lettered, so it can be redriven once fixed.
 */
export class DeliveryRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`The receiver refused the message: ${reason}`);
    this.name = 'DeliveryRefusedError';
  }
}

export type DeliveryFailureClass = 'refused' | 'retry';

export const classifyDeliveryFailure = (error: unknown): DeliveryFailureClass =>
  error instanceof DeliveryRefusedError ? 'refused' : 'retry';

/** Webhook statuses that mean "this request will never be accepted"; 401/403 are configuration (retried). */
export const REFUSING_WEBHOOK_STATUSES: readonly number[] = [400, 404, 410, 413, 422];
