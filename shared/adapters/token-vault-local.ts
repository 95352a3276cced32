import type { SealedTokens, TokenBundle, TokenVault } from '../domain/ports/token-vault.js';
import { TokenDecryptionError } from '../domain/ports/token-vault.js';
import { openWithKey, sealWithKey } from './token-vault-aes-gcm.js';

/** AES-256-GCM under one fixed key from LOCAL_TOKEN_KEY (base64, 32 bytes). For local runs only. */
export class LocalTokenVault implements TokenVault {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new RangeError('LOCAL_TOKEN_KEY must be 32 bytes, base64-encoded');
  }

  async seal(memberId: string, bundle: TokenBundle): Promise<SealedTokens> {
    return { scheme: 'local', ...sealWithKey(this.key, memberId, bundle) };
  }

  async open(memberId: string, sealed: SealedTokens): Promise<TokenBundle> {
    if (sealed.scheme !== 'local') throw new TokenDecryptionError(memberId);
    return openWithKey(this.key, memberId, sealed);
  }
}
