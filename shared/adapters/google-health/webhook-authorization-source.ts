import type { SecretSource } from '../../domain/ports/secret-source.js';
import { ENV } from '../../runtime/environment.js';
import { SecretsManagerSecretSource } from '../secret-source-secrets-manager.js';

/**
 * The Authorization value Google Health sends with webhook deliveries. In AWS the function gets only the
 * secret's ARN and reads the value from Secrets Manager (cached, so rotation takes effect within minutes);
 * the local stack has no Secrets Manager and passes the value itself. The ARN wins when both are set.
 */
export const createWebhookAuthorizationSource = (env: NodeJS.ProcessEnv = process.env): SecretSource => {
  const arn = env[ENV.webhookAuthorizationArn];
  if (arn !== undefined && arn !== '') return new SecretsManagerSecretSource(arn);
  const local = env[ENV.webhookAuthorization];
  if (local !== undefined && local !== '') return { current: () => Promise.resolve(local) };
  throw new Error(`Set ${ENV.webhookAuthorizationArn} (AWS) or ${ENV.webhookAuthorization} (local)`);
};
