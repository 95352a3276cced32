import { setTimeout as sleep } from 'node:timers/promises';
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Says what was awaited, for the timeout message. */
  readonly description?: string;
}

/**
 * Polls until `probe` returns a value other than undefined/false, and returns it. Errors from the
 * probe count as "not yet"; the last one is reported on timeout.
 */
export const waitUntil = async <T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions = {},
): Promise<T> => {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new WaitTimeoutError(`Timed out waiting for ${options.description ?? 'condition'}${cause}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
};
