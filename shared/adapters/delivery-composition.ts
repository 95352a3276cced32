import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailSender } from '../domain/ports/mail-sender.js';
import type { WebhookSecretStore } from '../domain/ports/webhook-secret-store.js';
import { ENV, optionalEnv, requireEnv } from '../runtime/environment.js';
import { LocalWebhookSecrets } from './local-webhook-secrets.js';
import { SecretsManagerWebhookSecrets } from './secrets-manager-webhook-secrets.js';
import { SesMailSender } from './ses-mail-sender.js';
import { SmtpMailSender } from './smtp-mail-sender.js';

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
  return smtpUrl === '' ? new SesMailSender(new SESv2Client({}), from) : new SmtpMailSender(smtpUrl, from);
};

/** Secrets Manager when TEAM_WEBHOOK_SECRET_PREFIX is set (AWS); else sealed with LOCAL_TOKEN_KEY (local). */
export const createWebhookSecretStore = (
  documentClient: DynamoDBDocumentClient,
  env: NodeJS.ProcessEnv = process.env,
): WebhookSecretStore => {
  const prefix = env[ENV.teamWebhookSecretPrefix];
  if (prefix !== undefined && prefix !== '')
    return new SecretsManagerWebhookSecrets(
      new SecretsManagerClient({}),
      prefix,
      env[ENV.teamWebhookSecretKmsKeyId],
    );
  const localKey = env[ENV.localTokenKey];
  if (localKey !== undefined && localKey !== '')
    return new LocalWebhookSecrets(documentClient, requireEnv(ENV.directoryTable), localKey);
  throw new Error(
    `Set ${ENV.teamWebhookSecretPrefix} (AWS) or ${ENV.localTokenKey} (local) to keep team webhook secrets`,
  );
};
