import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  authorizationMatches,
  signatureHeader,
  verifyWebhookSignature,
} from '../../shared/adapters/google-health/webhook-signature.js';
import type { WebhookKeysetSource } from '../../shared/adapters/google-health/webhook-signature-keyset.js';
import { queueNotifiedSyncs } from '../../shared/domain/google-health/queue-notified-syncs.js';
import type { SyncJobQueue } from '../../shared/domain/google-health/sync-job-queue.js';
import {
  parseWebhookDelivery,
  verificationProbeSchema,
} from '../../shared/domain/google-health/webhook-notification.js';
import type { SecretSource } from '../../shared/domain/ports/secret-source.js';
import {
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthorizedError,
} from '../../shared/runtime/http/http-errors.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';

/** Notifications carry no values; anything this large is not from Google. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export interface WebhookDependencies {
  /** The endpointAuthorization secret given to the subscriber, e.g. "Bearer …". */
  authorization: SecretSource;
  keyset: WebhookKeysetSource;
  queue: SyncJobQueue;
  logger: Logger;
}

const noContent: HttpResult = { statusCode: 204, headers: { 'cache-control': 'no-store' } };

const NOT_JSON = Symbol('not-json');

const tryParseJson = (raw: Buffer): unknown => {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
};

/**
 * A delivery accepted whole is already in the API access log (route, 204) and its sync in the sync-worker's
 * "sync finished" line, so it is logged at DEBUG; one with notifications not understood stays at INFO
 * (docs/deploy.md, "Logs").
 */
export const acceptanceLogLevel = (accepted: { notUnderstood: number }): 'info' | 'debug' =>
  accepted.notUnderstood > 0 ? 'info' : 'debug';

/**
 * POST /v1/webhooks/google-health.
 * 1. Authorization must equal the subscriber secret (timing-safe): missing 401, wrong 403. The secret is
 *    read through a cached source; if it cannot be read the answer is 500 and Google retries.
 * 2. A verification probe is answered 201.
 * 3. Otherwise the ECDSA signature over the raw body bytes must verify (401 if not), the body must be a
 *    notification or an array of them (400 if not). Each notification is read on its own: one we do not
 *    understand is logged (position and field names, never content) and the others are still queued;
 *    the answer is then 200 listing which positions were not understood, otherwise 204.
 * 4. One sync job per Google account is queued, with no table reads, and the delivery acknowledged with
 *    204 at once; the sync worker finds the member. Google retries a delivery that is not acknowledged,
 *    so only a failure to queue answers 5xx.
 * Nothing from the body is logged.
 */
export const createWebhookRoute =
  (deps: WebhookDependencies): HttpRoute =>
  async (event: APIGatewayProxyEventV2) => {
    const received = event.headers.authorization;
    if (received === undefined || received === '') throw new UnauthorizedError();
    if (!authorizationMatches(received, await deps.authorization.current())) throw new ForbiddenError();

    const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    if (raw.length > MAX_WEBHOOK_BODY_BYTES) throw new PayloadTooLargeError(MAX_WEBHOOK_BODY_BYTES);
    const body = tryParseJson(raw);
    // A probe changes nothing, so it needs only the Authorization check.
    if (verificationProbeSchema.safeParse(body).success) {
      return { statusCode: 201, headers: { 'cache-control': 'no-store' } };
    }
    const signature = signatureHeader(event.headers);
    if (!(await verifyWebhookSignature(raw, signature, deps.keyset))) {
      deps.logger.warn('webhook signature rejected', {
        hasSignature: signature !== undefined,
        bytes: raw.length,
      });
      throw new UnauthorizedError('The signature does not verify');
    }
    if (body === NOT_JSON) throw new BadRequestError('The body is not JSON');
    const delivery = parseWebhookDelivery(body);
    if (delivery === undefined) {
      throw new BadRequestError('The body is not a Google Health notification or an array of them');
    }
    for (const rejected of delivery.rejected) {
      deps.logger.warn('webhook notification not understood; the others are accepted', rejected);
    }
    const result = await queueNotifiedSyncs(delivery.notifications, deps);
    const accepted = {
      notifications: delivery.notifications.length,
      notUnderstood: delivery.rejected.length,
      ...result,
    };
    deps.logger[acceptanceLogLevel(accepted)]('webhook delivery accepted', accepted);
    if (delivery.rejected.length === 0) return noContent;
    // Still a 2xx: Google retrying the same bytes for a week would not make them understood.
    return {
      statusCode: 200,
      headers: { 'cache-control': 'no-store', 'content-type': 'application/json' },
      body: JSON.stringify({ accepted: delivery.notifications.length, notUnderstood: delivery.rejected }),
    };
  };
