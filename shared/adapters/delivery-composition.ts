import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailSender } from '../domain/ports/mail-sender.js';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';
import { ENV, optionalEnv, requireEnv } from '../runtime/environment.js';
import { KmsWebhookSecrets } from './kms-webhook-secrets.js';
import { LocalWebhookSecrets } from './local-webhook-secrets.js';
import { SesMailSender } from './ses-mail-sender.js';
import { SmtpMailSender } from './smtp-mail-sender.js';
import { sharedKmsClient } from './token-vault-kms.js';

/** Allow-listed secure email domains (SECURE_EMAIL_DOMAINS, comma-separated); nhs.net by default. */
export const secureEmailDomainsFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env[ENV.secureEmailDomains] ?? 'nhs.net')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter((domain) => domain !== '');

/** SMTP_URL (local stack) wins over SES (AWS). */
export const createMailSender = (): MailSender => {
  const from = requireEnv(ENV.mailFrom);
  const smtpUrl = optionalEnv(ENV.smtpUrl, '');
  return smtpUrl === '' ? new SesMailSender(undefined, from) : new SmtpMailSender(smtpUrl, from);
};

/**
 * Team webhook secrets live on the team's item in the directory table, sealed by KMS envelope encryption
 * under TEAM_WEBHOOK_SECRET_KMS_KEY_ID (AWS), or under the fixed LOCAL_TOKEN_KEY (local runs).
 */
export const createWebhookSecretStore = (
  documentClient: DynamoDBDocumentClient,
  env: NodeJS.ProcessEnv = process.env,
): WebhookSecretStore => {
  const kmsKeyId = env[ENV.teamWebhookSecretKmsKeyId];
  if (kmsKeyId !== undefined && kmsKeyId !== '')
    return new KmsWebhookSecrets(documentClient, requireEnv(ENV.directoryTable), sharedKmsClient, kmsKeyId);
  const localKey = env[ENV.localTokenKey];
  if (localKey !== undefined && localKey !== '')
    return new LocalWebhookSecrets(documentClient, requireEnv(ENV.directoryTable), localKey);
  throw new Error(
    `Set ${ENV.teamWebhookSecretKmsKeyId} (AWS) or ${ENV.localTokenKey} (local) to keep team webhook secrets`,
  );
};
