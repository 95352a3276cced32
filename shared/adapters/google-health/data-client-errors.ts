/** A google.rpc.Status error from the Google Health API (after any retries). */
export class GoogleHealthApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string | undefined,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 429s outlasted the retry budget. Retryable later: the SQS message goes back to the queue. */
export class GoogleHealthRateLimitedError extends GoogleHealthApiError {}

/** 5xx or network failures outlasted the retry budget. Retryable later. */
export class GoogleHealthUnavailableError extends GoogleHealthApiError {}

/** Still 401 after invalidating the token and retrying once. */
export class GoogleHealthUnauthorizedError extends GoogleHealthApiError {}

/** The member has no Google Health profile yet (not migrated from Fitbit). Retrying will not help. */
export class GoogleHealthAccountNotLinkedError extends GoogleHealthApiError {}

/** The API answered 2xx with a body that does not match the schema (OWASP API10). */
export class GoogleHealthResponseInvalidError extends Error {
  constructor(
    readonly dataType: string,
    readonly issues: string[],
  ) {
    super(`The Google Health ${dataType} response did not match the expected shape`);
    this.name = 'GoogleHealthResponseInvalidError';
  }
}
