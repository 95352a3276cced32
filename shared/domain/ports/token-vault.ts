/** The Google tokens of one member, as held in memory. Never logged, never stored unencrypted. */
export interface TokenBundle {
  refreshToken: string;
  accessToken: string;
  /** UTC ISO instant the access token stops working. */
  accessTokenExpiresAt: string;
  /** Space-separated scopes Google granted (the member may untick some). */
  scope: string;
}

/** An encrypted TokenBundle as stored on the link item. Opaque outside the vault adapters. */
export interface SealedTokens {
  /** Which adapter sealed it: 'kms' (envelope) or 'local' (a fixed key, local runs only). */
  scheme: 'kms' | 'local';
  iv: string;
  ciphertext: string;
  authTag: string;
  /** KMS only: the data key encrypted under the KMS key, with EncryptionContext {memberId}. */
  encryptedDataKey?: string;
}

/** Encrypts token bundles bound to their member: a bundle moved to another member's item fails to decrypt. */
export interface TokenVault {
  seal(memberId: string, bundle: TokenBundle): Promise<SealedTokens>;
  open(memberId: string, sealed: SealedTokens): Promise<TokenBundle>;
}

export class TokenDecryptionError extends Error {
  constructor(readonly memberId: string) {
    super(`The stored Google tokens of member ${memberId} could not be decrypted`);
    this.name = 'TokenDecryptionError';
  }
}
