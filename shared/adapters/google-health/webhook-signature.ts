import { createHash, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import type { WebhookKeysetSource } from './webhook-signature-keyset.js';

/** The API definition and the generated docs disagree on the header name, so both are accepted. */
export const SIGNATURE_HEADERS = ['x-healthapi-signature', 'google-health-api-signature'] as const;

const TINK_PREFIX_BYTE = 0x01;
const PREFIX_LENGTH = 5;

/** Timing-safe equality of the Authorization header and the configured secret (hashing evens the lengths). */
export const authorizationMatches = (received: string, expected: string): boolean =>
  timingSafeEqual(
    createHash('sha256').update(received).digest(),
    createHash('sha256').update(expected).digest(),
  );

/** The signature header, whichever of the two names it came under (headers are lower-case in API GW v2). */
export const signatureHeader = (headers: Record<string, string | undefined>): string | undefined => {
  for (const name of SIGNATURE_HEADERS) {
    const value = headers[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
};

const splitSignature = (headerValue: string): { keyId: number; der: Buffer } | undefined => {
  const bytes = Buffer.from(headerValue.trim(), 'base64');
  if (bytes.length <= PREFIX_LENGTH || bytes[0] !== TINK_PREFIX_BYTE) return undefined;
  return { keyId: bytes.readUInt32BE(1), der: bytes.subarray(PREFIX_LENGTH) };
};

const verifyWith = (key: KeyObject, rawBody: Buffer, der: Buffer): boolean => {
  try {
    return verify('sha256', rawBody, { key, dsaEncoding: 'der' }, der);
  } catch {
    return false;
  }
};

/**
 * Checks base64(0x01 || 4-byte key id || DER ECDSA P-256 signature) over the raw body bytes against the
 * keyset. An unknown key id refreshes the keyset once, in case Google has just rotated.
 */
export const verifyWebhookSignature = async (
  rawBody: Buffer,
  headerValue: string | undefined,
  keyset: WebhookKeysetSource,
): Promise<boolean> => {
  if (headerValue === undefined) return false;
  const signature = splitSignature(headerValue);
  if (signature === undefined) return false;
  let key = (await keyset.keys()).get(signature.keyId);
  if (key === undefined) key = (await keyset.keys({ refresh: true })).get(signature.keyId);
  return key !== undefined && verifyWith(key, rawBody, signature.der);
};
