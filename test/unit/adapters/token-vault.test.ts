import { randomBytes } from 'node:crypto';
import {
  DecryptCommand,
  GenerateDataKeyCommand,
  InvalidCiphertextException,
  KMSClient,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTokenVault } from '../../../shared/adapters/token-vault-from-env.js';
import { KmsTokenVault } from '../../../shared/adapters/token-vault-kms.js';
import { LocalTokenVault } from '../../../shared/adapters/token-vault-local.js';
import { type TokenBundle, TokenDecryptionError } from '../../../shared/domain/ports/token-vault.js';

const bundle: TokenBundle = {
  refreshToken: '1//0refresh-secret',
  accessToken: 'ya29.access-secret',
  accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
  scope: 'https://www.googleapis.com/auth/googlehealth.sleep.readonly',
};
const flip = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
};

describe('LocalTokenVault (AES-256-GCM)', () => {
  const vault = new LocalTokenVault(randomBytes(32).toString('base64'));

  it('round-trips a bundle, with no token visible in the sealed form', async () => {
    const sealed = await vault.seal('m1', bundle);
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(await vault.open('m1', sealed)).toEqual(bundle);
  });

  it('uses a fresh IV every time', async () => {
    const [a, b] = await Promise.all([vault.seal('m1', bundle), vault.seal('m1', bundle)]);
    expect(a?.iv).not.toBe(b?.iv);
    expect(a?.ciphertext).not.toBe(b?.ciphertext);
  });

  it.each([
    ['ciphertext', (s: Awaited<ReturnType<typeof vault.seal>>) => ({ ...s, ciphertext: flip(s.ciphertext) })],
    ['auth tag', (s: Awaited<ReturnType<typeof vault.seal>>) => ({ ...s, authTag: flip(s.authTag) })],
    ['iv', (s: Awaited<ReturnType<typeof vault.seal>>) => ({ ...s, iv: flip(s.iv) })],
  ])('detects a tampered %s', async (_part, tamper) => {
    const sealed = await vault.seal('m1', bundle);
    await expect(vault.open('m1', tamper(sealed))).rejects.toBeInstanceOf(TokenDecryptionError);
  });

  it.each([4, 8, 12, 15])(
    'refuses the genuine tag cut to %i bytes (only the full 16-byte tag authenticates)',
    async (bytes) => {
      const sealed = await vault.seal('m1', bundle);
      const truncated = Buffer.from(sealed.authTag, 'base64').subarray(0, bytes).toString('base64');
      await expect(vault.open('m1', { ...sealed, authTag: truncated })).rejects.toBeInstanceOf(
        TokenDecryptionError,
      );
    },
  );

  it("refuses another member's tokens (the member id is authenticated data)", async () => {
    const sealed = await vault.seal('m1', bundle);
    await expect(vault.open('m2', sealed)).rejects.toBeInstanceOf(TokenDecryptionError);
  });

  it('refuses a different key and a key of the wrong length', async () => {
    const sealed = await vault.seal('m1', bundle);
    const other = new LocalTokenVault(randomBytes(32).toString('base64'));
    await expect(other.open('m1', sealed)).rejects.toBeInstanceOf(TokenDecryptionError);
    expect(() => new LocalTokenVault(randomBytes(16).toString('base64'))).toThrow(RangeError);
  });
});

describe('KmsTokenVault (envelope encryption)', () => {
  const kms = mockClient(KMSClient);
  const vault = new KmsTokenVault(new KMSClient({ region: 'eu-west-2' }), 'alias/pulse-relay-tokens');
  const dataKey = randomBytes(32);
  const encryptedDataKey = Buffer.from('kms-encrypted-data-key');

  beforeEach(() => {
    kms.reset();
    // Copies: the vault wipes the plaintext key it is given.
    kms.on(GenerateDataKeyCommand).callsFake(async () => ({
      Plaintext: Uint8Array.from(dataKey),
      CiphertextBlob: Uint8Array.from(encryptedDataKey),
    }));
    kms.on(DecryptCommand).callsFake(async () => ({ Plaintext: Uint8Array.from(dataKey) }));
  });

  it('asks KMS for an AES-256 data key bound to the member, and stores only its encrypted form', async () => {
    const sealed = await vault.seal('m1', bundle);
    expect(kms.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input).toEqual({
      KeyId: 'alias/pulse-relay-tokens',
      KeySpec: 'AES_256',
      EncryptionContext: { memberId: 'm1' },
    });
    expect(sealed.scheme).toBe('kms');
    expect(sealed.encryptedDataKey).toBe(encryptedDataKey.toString('base64'));
    expect(JSON.stringify(sealed)).not.toContain('secret');
    expect(JSON.stringify(sealed)).not.toContain(dataKey.toString('base64'));
  });

  it('decrypts the data key with the same encryption context and opens the bundle', async () => {
    const sealed = await vault.seal('m1', bundle);
    expect(await vault.open('m1', sealed)).toEqual(bundle);
    expect(kms.commandCalls(DecryptCommand)[0]?.args[0].input).toEqual({
      KeyId: 'alias/pulse-relay-tokens',
      CiphertextBlob: encryptedDataKey,
      EncryptionContext: { memberId: 'm1' },
    });
  });

  it('re-seals the tokens it has just opened with the same data key, without asking KMS again', async () => {
    let now = Date.parse('2026-12-02T10:00:00Z');
    const reusing = new KmsTokenVault(new KMSClient({ region: 'eu-west-2' }), 'alias/k', () => now);
    const sealed = await reusing.seal('m1', bundle);
    await reusing.open('m1', sealed);
    kms.resetHistory();
    const refreshed = { ...bundle, accessToken: 'ya29.refreshed-secret' };
    const resealed = await reusing.seal('m1', refreshed);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(0);
    expect(resealed.encryptedDataKey).toBe(sealed.encryptedDataKey);
    expect(resealed.iv).not.toBe(sealed.iv);
    expect(await vault.open('m1', resealed)).toEqual(refreshed);

    // Used once: the next seal, another member's, or one after the reuse window gets a fresh data key.
    await reusing.seal('m1', refreshed);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    await reusing.open('m1', sealed);
    await reusing.seal('m2', refreshed);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(2);
    now += 120_001;
    await reusing.seal('m1', refreshed);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(3);
  });

  it('keeps no data key from a bundle that fails to open', async () => {
    const keeping = new KmsTokenVault(new KMSClient({ region: 'eu-west-2' }), 'alias/k');
    const sealed = await keeping.seal('m1', bundle);
    await expect(keeping.open('m1', { ...sealed, ciphertext: flip(sealed.ciphertext) })).rejects.toThrow();
    kms.resetHistory();
    await keeping.seal('m1', bundle);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
  });

  it('maps a KMS refusal (wrong context or key) to TokenDecryptionError', async () => {
    const sealed = await vault.seal('m1', bundle);
    kms.on(DecryptCommand).rejects(new InvalidCiphertextException({ message: 'no', $metadata: {} }));
    await expect(vault.open('m1', sealed)).rejects.toBeInstanceOf(TokenDecryptionError);
  });

  it('detects a tampered ciphertext', async () => {
    const sealed = await vault.seal('m1', bundle);
    await expect(vault.open('m1', { ...sealed, ciphertext: flip(sealed.ciphertext) })).rejects.toBeInstanceOf(
      TokenDecryptionError,
    );
  });
});

describe('createTokenVault', () => {
  it('chooses KMS when a key id is set, the local key otherwise, and refuses to run with neither', () => {
    const localKey = randomBytes(32).toString('base64');
    expect(createTokenVault({ TOKEN_KMS_KEY_ID: 'k', LOCAL_TOKEN_KEY: localKey })).toBeInstanceOf(
      KmsTokenVault,
    );
    expect(createTokenVault({ LOCAL_TOKEN_KEY: localKey })).toBeInstanceOf(LocalTokenVault);
    expect(() => createTokenVault({})).toThrow(/TOKEN_KMS_KEY_ID/);
  });
});
