/** A failure the caller can act on. Only these reach the response body; anything else becomes a generic 500. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'Missing or invalid credentials') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'These credentials may not do this') {
    super(403, 'forbidden', message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(
      413,
      'payload_too_large',
      `The body is larger than the limit of ${limitBytes} bytes; send fewer readings per request`,
    );
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(received: string | undefined, accepted: readonly string[]) {
    super(
      415,
      'unsupported_media_type',
      `Content-Type ${received ?? '(none)'} is not accepted; use one of: ${accepted.join(', ')}`,
    );
  }
}
