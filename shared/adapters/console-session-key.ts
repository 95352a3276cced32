import { hkdfSync } from 'node:crypto';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../runtime/environment.js';

let secretsManager: SecretsManagerClient | undefined;
let cached: Promise<Uint8Array> | undefined;

const toKey = (base64: string, from: string): Uint8Array => {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${from} must be base64 of exactly 32 bytes`);
  return key;
};

/**
 * The 32-byte key that seals console session cookies: CONSOLE_SESSION_KEY (local runs), otherwise the
 * secret named by CONSOLE_SESSION_KEY_SECRET_ARN, fetched once per container. Rotating it signs everyone out.
 */
export const consoleSessionKey = (env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array> => {
  const local = env[ENV.consoleSessionKey];
  if (local !== undefined && local !== '') return Promise.resolve(toKey(local, ENV.consoleSessionKey));
  const arn = env[ENV.consoleSessionKeySecretArn];
  if (arn === undefined || arn === '') {
    return Promise.reject(
      new Error(`Set ${ENV.consoleSessionKey} (local) or ${ENV.consoleSessionKeySecretArn} (AWS)`),
    );
  }
  cached ??= (async () => {
    // Loaded when first needed, like the other Secrets Manager reads: not at all locally, and not in init.
    const sdk = await import('@aws-sdk/client-secrets-manager');
    secretsManager ??= new sdk.SecretsManagerClient({});
    const { SecretString } = await secretsManager.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
    // Secrets Manager generates a random string, not key bytes: derive the key from it.
    if (SecretString === undefined || SecretString.length < 32) {
      throw new Error('The console session key secret must be at least 32 random characters');
    }
    return new Uint8Array(hkdfSync('sha256', SecretString, '', 'pulse-relay console session', 32));
  })().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};
