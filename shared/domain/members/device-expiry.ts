/** Longest token lifetime staff may set: a token is re-issued at least every five years. */
export const MAX_DEVICE_TOKEN_DAYS = 5 * 365;

export const expiryAfter = (now: Date, days: number | undefined): string | undefined => {
  if (days === undefined) return undefined;
  if (!(Number.isInteger(days) && days >= 1 && days <= MAX_DEVICE_TOKEN_DAYS)) {
    throw new RangeError(`A token expiry is a whole number of days from 1 to ${MAX_DEVICE_TOKEN_DAYS}`);
  }
  return new Date(now.getTime() + days * 86_400_000).toISOString();
};
