import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type TokenBundle, TokenDecryptionError } from '../domain/ports/token-vault.js';
import * as z from '../domain/zod-mini.js';

const bundleSchema = z.object({
  refreshToken: z.string().check(z.minLength(1)),
  accessToken: z.string().check(z.minLength(1)),
  accessTokenExpiresAt: z.string(),
  scope: z.string(),
});

export interface AesGcmSealed {
  iv: string;
  ciphertext: string;
  authTag: string;
}

/** Additional authenticated data: a ciphertext copied onto another member's item fails authentication. */
const associatedData = (memberId: string): Buffer =>
  Buffer.from(`pulse-relay/google-tokens/${memberId}`, 'utf8');

/** AES-256-GCM with a fresh 96-bit IV per seal (NIST SP 800-38D). */
export const sealWithKey = (key: Uint8Array, memberId: string, bundle: TokenBundle): AesGcmSealed => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(memberId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(bundle), 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
};

/** The full 128-bit tag: a shorter one would let a forger pass authentication with far fewer guesses. */
const AUTH_TAG_BYTES = 16;

export const openWithKey = (key: Uint8Array, memberId: string, sealed: AesGcmSealed): TokenBundle => {
  try {
    const authTag = Buffer.from(sealed.authTag, 'base64');
    if (authTag.length !== AUTH_TAG_BYTES) throw new Error('truncated authentication tag');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), {
      authTagLength: AUTH_TAG_BYTES,
    });
    decipher.setAAD(associatedData(memberId));
    decipher.setAuthTag(authTag);
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]);
    return bundleSchema.parse(JSON.parse(plaintext.toString('utf8')));
  } catch {
    throw new TokenDecryptionError(memberId);
  }
};
