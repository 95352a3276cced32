import type { KMSClient } from '@aws-sdk/client-kms';
import type { SealedTokens, TokenBundle, TokenVault } from '../domain/ports/token-vault.js';
import { TokenDecryptionError } from '../domain/ports/token-vault.js';
import { openWithKey, sealWithKey } from './token-vault-aes-gcm.js';

/** The SDK package, loaded when a vault first seals or opens rather than at cold start. */
const kmsSdk = () => import('@aws-sdk/client-kms');

let kmsClient: Promise<KMSClient> | undefined;

/** One KMS client per container, created on first use. */
export const sharedKmsClient = (): Promise<KMSClient> => {
  kmsClient ??= kmsSdk().then(({ KMSClient }) => new KMSClient({}));
  return kmsClient;
};

/** How long a data key opened for a member may seal that member's refreshed tokens. */
export const OPENED_KEY_REUSE_MS = 120_000;

/**
 * KMS envelope encryption: data keys from GenerateDataKey, bound to the member by the EncryptionContext
 * (so CloudTrail shows whose tokens were decrypted, and a key moved to another member's item will not
 * decrypt). A sync job opens a member's tokens and, when the access token has expired, seals the refreshed
 * ones moments later: that seal reuses the data key just opened (same member, same encrypted key, a fresh
 * IV) instead of asking KMS for another, which halves the KMS requests of a refreshing job. A kept key
 * is wiped when used or after OPENED_KEY_REUSE_MS; any other seal gets a fresh data key.
 */
export class KmsTokenVault implements TokenVault {
  private readonly opened = new Map<string, { key: Uint8Array; encryptedDataKey: string; until: number }>();

  constructor(
    /** A client, or how to get one when first needed. */
    private readonly kms: KMSClient | (() => Promise<KMSClient>),
    private readonly keyId: string,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(memberId: string, bundle: TokenBundle): Promise<SealedTokens> {
    const reusable = this.takeOpenedKey(memberId);
    if (reusable !== undefined) {
      try {
        return {
          scheme: 'kms',
          ...sealWithKey(reusable.key, memberId, bundle),
          encryptedDataKey: reusable.encryptedDataKey,
        };
      } finally {
        reusable.key.fill(0);
      }
    }
    const { GenerateDataKeyCommand } = await kmsSdk();
    const { Plaintext, CiphertextBlob } = await (await this.client()).send(
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
    const { DecryptCommand, InvalidCiphertextException } = await kmsSdk();
    const kms = await this.client();
    let dataKey: Uint8Array | undefined;
    try {
      ({ Plaintext: dataKey } = await kms.send(
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
      const bundle = openWithKey(dataKey, memberId, sealed);
      this.keepOpenedKey(memberId, dataKey, sealed.encryptedDataKey);
      return bundle;
    } finally {
      dataKey.fill(0);
    }
  }

  private async client(): Promise<KMSClient> {
    return typeof this.kms === 'function' ? this.kms() : this.kms;
  }

  private keepOpenedKey(memberId: string, dataKey: Uint8Array, encryptedDataKey: string): void {
    const now = this.now();
    for (const [id, kept] of this.opened) {
      if (kept.until <= now) this.forget(id);
    }
    this.forget(memberId);
    this.opened.set(memberId, {
      key: Uint8Array.from(dataKey),
      encryptedDataKey,
      until: now + OPENED_KEY_REUSE_MS,
    });
  }

  private takeOpenedKey(memberId: string): { key: Uint8Array; encryptedDataKey: string } | undefined {
    const kept = this.opened.get(memberId);
    if (kept === undefined) return undefined;
    this.opened.delete(memberId);
    if (kept.until > this.now()) return kept;
    kept.key.fill(0);
    return undefined;
  }

  private forget(memberId: string): void {
    this.opened.get(memberId)?.key.fill(0);
    this.opened.delete(memberId);
  }
}
