import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from '../domain/ports/secret-source.js';

/** A rotated secret reaches every warm container within this long. */
export const SECRET_CACHE_MS = 5 * 60_000;

export class EmptySecretError extends Error {
  override readonly name = 'EmptySecretError';
}

/**
 * Reads a Secrets Manager secret (AWSCURRENT) and keeps it for `maxAgeMs`, so a container does not call
 * Secrets Manager per request yet picks up a rotation within that time. Concurrent callers share one
 * fetch; a failed fetch is not cached (the next call tries again) and its error is passed on, so the caller
 * answers 5xx and the sender retries.
 *
 * The SDK is imported on the first read, not at module init, so a function that holds one of these keeps its
 * init at its floor (`npm run bench`); the first read in a new container pays the load once.
 */
export class SecretsManagerSecretSource implements SecretSource {
  private cached: { value: Promise<string>; fetchedAt: number } | undefined;

  private client: SecretsManagerClient | undefined;

  constructor(
    private readonly secretId: string,
    private readonly options: { maxAgeMs?: number; now?: () => number } = {},
  ) {}

  current(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    const maxAgeMs = this.options.maxAgeMs ?? SECRET_CACHE_MS;
    if (this.cached === undefined || now - this.cached.fetchedAt >= maxAgeMs) {
      const entry = { value: this.fetch(), fetchedAt: now };
      this.cached = entry;
      entry.value.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  private async fetch(): Promise<string> {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    this.client ??= new sdk.SecretsManagerClient({});
    const { SecretString } = await this.client.send(
      new sdk.GetSecretValueCommand({ SecretId: this.secretId }),
    );
    const value = SecretString?.trim() ?? '';
    if (value === '') throw new EmptySecretError(`The secret ${this.secretId} has no string value`);
    return value;
  }
}
