import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';

const contextOf = (context: Record<string, string> | undefined) =>
  Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort()), 'utf8');

/**
 * A stand-in for KMS envelope encryption with the one property the adapters rely on: a data key encrypted
 * under an EncryptionContext decrypts only with that same context. The "KMS key" is a random AES-256 key.
 */
export const fakeKmsEnvelope = (): KMSClient => {
  const masterKey = randomBytes(32);
  const send = async (command: unknown) => {
    if (command instanceof GenerateDataKeyCommand) {
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(contextOf(command.input.EncryptionContext));
      const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { Plaintext: Uint8Array.from(plaintext), CiphertextBlob: Uint8Array.from(sealed) };
    }
    if (command instanceof DecryptCommand) {
      const blob = Buffer.from(command.input.CiphertextBlob ?? new Uint8Array());
      try {
        const decipher = createDecipheriv('aes-256-gcm', masterKey, blob.subarray(0, 12));
        decipher.setAAD(contextOf(command.input.EncryptionContext));
        decipher.setAuthTag(blob.subarray(blob.length - 16));
        const plaintext = Buffer.concat([
          decipher.update(blob.subarray(12, blob.length - 16)),
          decipher.final(),
        ]);
        return { Plaintext: Uint8Array.from(plaintext) };
      } catch {
        throw new InvalidCiphertextException({ message: 'context does not match', $metadata: {} });
      }
    }
    throw new Error('fakeKmsEnvelope: only GenerateDataKey and Decrypt');
  };
  return { send } as unknown as KMSClient;
};
