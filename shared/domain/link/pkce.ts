import { createHash, randomBytes } from 'node:crypto';

/** RFC 7636: 32 random bytes give a 43-character base64url verifier (the minimum length, 256 bits of entropy). */
export const createCodeVerifier = (): string => randomBytes(32).toString('base64url');

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export const codeChallengeS256 = (codeVerifier: string): string =>
  createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
