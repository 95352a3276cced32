import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../../runtime/environment.js';

let secretsManager: SecretsManagerClient | undefined;
let cached: Promise<string> | undefined;

/**
 * The Google OAuth client secret: GOOGLE_CLIENT_SECRET when set (local runs), otherwise the secret named by
 * GOOGLE_CLIENT_SECRET_ARN, fetched once per container. A failed fetch is not cached.
 */
export const googleClientSecret = (env: NodeJS.ProcessEnv = process.env): Promise<string> => {
  const local = env[ENV.googleClientSecret];
  if (local !== undefined && local !== '') return Promise.resolve(local);
  const arn = env[ENV.googleClientSecretArn];
  if (arn === undefined || arn === '') {
    return Promise.reject(
      new Error(`Set ${ENV.googleClientSecret} (local) or ${ENV.googleClientSecretArn} (AWS)`),
    );
  }
  cached ??= fetchSecret(arn).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};

/** The SDK package is loaded here, on first use, not at cold start: most invocations never need it. */
const fetchSecret = async (arn: string): Promise<string> => {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  secretsManager ??= new SecretsManagerClient({});
  const { SecretString } = await secretsManager.send(new GetSecretValueCommand({ SecretId: arn }));
  if (SecretString === undefined || SecretString === '') throw new Error('The Google client secret is empty');
  return SecretString.trim();
};
