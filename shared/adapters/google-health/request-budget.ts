import { DEFAULT_REQUESTS_PER_SECOND } from './data-client.js';

/** Google's per-user ceiling for verified apps: 300 requests a minute. */
const MAX_REQUESTS_PER_SECOND = 5;

/**
 * GOOGLE_HEALTH_REQUESTS_PER_SECOND: the per-member request budget. Unset means 2.5 (unverified apps);
 * raise it to 5 once Google has verified the app. A value that is not a number in (0, 5] stops the
 * function at start-up with a message naming the variable, rather than running over Google's limit.
 */
export const requestsPerSecondFromEnv = (raw: string | undefined): number => {
  if (raw === undefined || raw.trim() === '') return DEFAULT_REQUESTS_PER_SECOND;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_REQUESTS_PER_SECOND) {
    throw new Error(
      `GOOGLE_HEALTH_REQUESTS_PER_SECOND must be a number above 0 and at most ${MAX_REQUESTS_PER_SECOND}, not "${raw}"`,
    );
  }
  return value;
};
