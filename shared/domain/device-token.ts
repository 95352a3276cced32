import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A device credential: `<deviceId>.<secret>`, the secret being 32 random bytes in base64url (43 characters).
 * Only sha256(secret) in hex is stored, so a leaked directory cannot be replayed as tokens.
 */
const SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export const hashDeviceSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const issueDeviceToken = (deviceId: string): { token: string; tokenHash: string } => {
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new Error('A device id is 1 to 128 characters of A-Z, a-z, 0-9, _ or -');
  }
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { token: `${deviceId}.${secret}`, tokenHash: hashDeviceSecret(secret) };
};

/** Splits a presented token; undefined when it is not shaped like one we issue. */
export const parseDeviceToken = (token: string): { deviceId: string; secret: string } | undefined => {
  const dot = token.lastIndexOf('.');
  if (dot < 0) return undefined;
  const deviceId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!DEVICE_ID_PATTERN.test(deviceId) || !SECRET_PATTERN.test(secret)) return undefined;
  return { deviceId, secret };
};

/** Compares in constant time, so response timing does not leak how much of a guessed hash matched. */
export const tokenMatches = (secret: string, tokenHash: string): boolean => {
  if (!HASH_PATTERN.test(tokenHash)) return false;
  return timingSafeEqual(Buffer.from(hashDeviceSecret(secret), 'hex'), Buffer.from(tokenHash, 'hex'));
};
