import type { TokenVault } from '../domain/ports/token-vault.js';
import { ENV } from '../runtime/environment.js';
import { KmsTokenVault, sharedKmsClient } from './token-vault-kms.js';
import { LocalTokenVault } from './token-vault-local.js';

/**
 * Chooses the vault by configuration: TOKEN_KMS_KEY_ID (AWS) wins over LOCAL_TOKEN_KEY (local runs).
 * Fails fast when neither is set, rather than storing tokens unencrypted.
 */
export const createTokenVault = (env: NodeJS.ProcessEnv = process.env): TokenVault => {
  const kmsKeyId = env[ENV.tokenKmsKeyId];
  if (kmsKeyId !== undefined && kmsKeyId !== '') {
    return new KmsTokenVault(sharedKmsClient, kmsKeyId);
  }
  const localKey = env[ENV.localTokenKey];
  if (localKey !== undefined && localKey !== '') return new LocalTokenVault(localKey);
  throw new Error(`Set ${ENV.tokenKmsKeyId} (AWS) or ${ENV.localTokenKey} (local) to store Google tokens`);
};
