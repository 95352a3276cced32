import {
  createMailSender,
  createWebhookSecretStore,
  secureEmailDomainsFromEnv,
} from '../../shared/adapters/delivery-composition.js';
import { DynamoDbDeliveryLedger } from '../../shared/adapters/dynamodb-delivery-ledger.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbTeamChannelStore } from '../../shared/adapters/dynamodb-team-channel-store.js';
import { StandardWebhookSender } from '../../shared/adapters/standard-webhook-sender.js';
import { systemClock } from '../../shared/domain/clock.js';
import type { DeliveryDependencies } from '../../shared/domain/delivery/deliver-notification.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';

/**
 * Built once per cold start; fails fast when a variable is missing. Everything it reads or writes is in
 * the directory table: the member (MEMBER#), the team's channels (TEAM#) and its own records (DELIVERY#).
 */
export const createDeliveryPorts = (): DeliveryDependencies => {
  const documentClient = createDocumentClient();
  const directoryTable = requireEnv(ENV.directoryTable);
  return {
    directory: new DynamoDbMemberDirectory(documentClient, directoryTable),
    channels: new DynamoDbTeamChannelStore(documentClient, directoryTable),
    ledger: new DynamoDbDeliveryLedger(documentClient, directoryTable),
    mail: createMailSender(),
    webhooks: new StandardWebhookSender(),
    webhookSecrets: createWebhookSecretStore(documentClient),
    clock: systemClock,
    publicBaseUrl: requireEnv(ENV.publicBaseUrl),
    secureEmailDomains: secureEmailDomainsFromEnv(),
  };
};
