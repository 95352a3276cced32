import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A team's webhook secret as kept on its TEAM#<teamId>/WEBHOOKSECRET item (never the secret itself). */
export interface SealedWebhookSecret {
  iv: string;
  ciphertext: string;
  authTag: string;
}

/** Additional authenticated data: a ciphertext copied onto another team's item fails authentication. */
const associatedData = (teamId: string) => Buffer.from(`pulse-relay/team-webhook/${teamId}`, 'utf8');

/** The full 128-bit tag: a shorter one would let a forger pass authentication with far fewer guesses. */
const AUTH_TAG_BYTES = 16;

/** AES-256-GCM with a fresh 96-bit IV per seal (NIST SP 800-38D), bound to the team. */
export const sealWebhookSecret = (key: Uint8Array, teamId: string, secret: string): SealedWebhookSecret => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(teamId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    authTag: cipher.getAuthTag().toString('base64'),
  };
};

export const openWebhookSecret = (key: Uint8Array, teamId: string, sealed: SealedWebhookSecret): string => {
  const authTag = Buffer.from(sealed.authTag, 'base64');
  if (authTag.length !== AUTH_TAG_BYTES) throw new Error(`The webhook secret of team ${teamId} is damaged`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), {
    authTagLength: AUTH_TAG_BYTES,
  });
  decipher.setAAD(associatedData(teamId));
  decipher.setAuthTag(authTag);
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
};
