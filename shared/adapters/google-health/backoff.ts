/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * a random wait between 0 and min(cap, base * 2^attempt).
 */
export const fullJitterDelay = (
  attempt: number,
  options: { baseMs: number; capMs: number; random: () => number },
): number => Math.floor(options.random() * Math.min(options.capMs, options.baseMs * 2 ** attempt));

/** Retry-After as milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export const parseRetryAfter = (value: string | null, nowMs: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
};
