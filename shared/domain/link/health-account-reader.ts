/** Reads who the Google Health user is and their settings, with a fresh access token. */
export interface HealthAccountReader {
  /** Throws HealthAccountUnavailableError when Google answers with an error or an unreadable body. */
  healthUserId(accessToken: string): Promise<string>;
  /** The member's IANA time zone from Google Health settings, or undefined when not granted or not set. */
  timeZone(accessToken: string): Promise<string | undefined>;
}

/** The identity or settings call failed (e.g. ACCOUNT_NOT_LINKED: no Google Health profile yet). */
export class HealthAccountUnavailableError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly reason: string,
  ) {
    super(`Google Health account could not be read (${httpStatus} ${reason})`);
    this.name = 'HealthAccountUnavailableError';
  }
}
