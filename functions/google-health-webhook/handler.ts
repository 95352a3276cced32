import { SQSClient } from '@aws-sdk/client-sqs';
import { createWebhookAuthorizationSource } from '../../shared/adapters/google-health/webhook-authorization-source.js';
import {
  remoteKeysetSource,
  staticKeysetSource,
} from '../../shared/adapters/google-health/webhook-signature-keyset.js';
import { SqsSyncJobQueue } from '../../shared/adapters/sqs-sync-job-queue.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import { httpHandler } from '../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../shared/runtime/logger.js';
import { createWebhookRoute } from './receive-webhook.js';

const logger = createLogger('google-health-webhook');
const pinnedKeyset = process.env[ENV.webhookPublicKeyset];

/**
 * Google Health change notifications -> sync jobs, with no table reads (the worker finds the member).
 * Keys: a pinned keyset if set (local), else Google's.
 */
export const handler = httpHandler(
  createWebhookRoute({
    authorization: createWebhookAuthorizationSource(),
    keyset:
      pinnedKeyset === undefined || pinnedKeyset === ''
        ? remoteKeysetSource({})
        : staticKeysetSource(pinnedKeyset),
    queue: new SqsSyncJobQueue(new SQSClient({}), requireEnv(ENV.syncQueueUrl)),
    logger,
  }),
  logger,
);
