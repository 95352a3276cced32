import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';
import type { SealedTokens, TokenBundle, TokenVault } from '../domain/ports/token-vault.js';
import { TokenDecryptionError } from '../domain/ports/token-vault.js';
import { openWithKey, sealWithKey } from './token-vault-aes-gcm.js';

/**
 * KMS envelope encryption: a fresh data key per seal from GenerateDataKey, bound to the member by the
 * EncryptionContext (so CloudTrail shows whose tokens were decrypted, and a key moved to another member's
 * item will not decrypt). The plaintext data key is used once and wiped.
 */
export class KmsTokenVault implements TokenVault {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(memberId: string, bundle: TokenBundle): Promise<SealedTokens> {
    const { Plaintext, CiphertextBlob } = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { memberId } }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined) {
      throw new Error('KMS GenerateDataKey returned no key');
    }
    try {
      return {
        scheme: 'kms',
        ...sealWithKey(Plaintext, memberId, bundle),
        encryptedDataKey: Buffer.from(CiphertextBlob).toString('base64'),
      };
    } finally {
      Plaintext.fill(0);
    }
  }

  async open(memberId: string, sealed: SealedTokens): Promise<TokenBundle> {
    if (sealed.scheme !== 'kms' || sealed.encryptedDataKey === undefined) {
      throw new TokenDecryptionError(memberId);
    }
    let dataKey: Uint8Array | undefined;
    try {
      ({ Plaintext: dataKey } = await this.kms.send(
        new DecryptCommand({
          KeyId: this.keyId,
          CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
          EncryptionContext: { memberId },
        }),
      ));
    } catch (error) {
      if (error instanceof InvalidCiphertextException) throw new TokenDecryptionError(memberId);
      throw error;
    }
    if (dataKey === undefined) throw new TokenDecryptionError(memberId);
    try {
      return openWithKey(dataKey, memberId, sealed);
    } finally {
      dataKey.fill(0);
    }
  }
}
