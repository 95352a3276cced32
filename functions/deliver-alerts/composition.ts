import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import {
  createMailSender,
  createWebhookSecretStore,
  secureEmailDomainsFromEnv,
} from '../../shared/adapters/delivery-composition.js';
import { DynamoDbDeliveryLedger } from '../../shared/adapters/dynamodb-delivery-ledger.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbTeamChannelStore } from '../../shared/adapters/dynamodb-team-channel-store.js';
import { MetricsDeliveryAlarm } from '../../shared/adapters/metrics-delivery-alarm.js';
import { StandardWebhookSender } from '../../shared/adapters/standard-webhook-sender.js';
import { systemClock } from '../../shared/domain/clock.js';
import type { DeliveryDependencies } from '../../shared/domain/delivery/deliver-notification.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';

/** Built once per cold start; fails fast when a variable is missing. */
export const createDeliveryPorts = (metrics: Metrics, logger: Logger): DeliveryDependencies => {
  const documentClient = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    directory: new DynamoDbMemberDirectory(documentClient, directoryTable),
    channels: new DynamoDbTeamChannelStore(documentClient, directoryTable),
    ledger: new DynamoDbDeliveryLedger(documentClient, requireEnv(ENV.alertsTable)),
    mail: createMailSender(),
    webhooks: new StandardWebhookSender(),
    webhookSecrets: createWebhookSecretStore(documentClient),
    alarm: new MetricsDeliveryAlarm(metrics, logger),
    clock: systemClock,
    publicBaseUrl: requireEnv(ENV.publicBaseUrl),
    secureEmailDomains: secureEmailDomainsFromEnv(),
  };
};
