/** google.rpc.Status code names the simulator answers with. */
export type RpcStatusName =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'ALREADY_EXISTS'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export interface RpcStatusDetails {
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A failure the API reports as a google.rpc.Status body. */
export class RpcStatusError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: RpcStatusName,
    message: string,
    readonly details: RpcStatusDetails = {},
  ) {
    super(message);
    this.name = 'RpcStatusError';
  }

  toBody(): { error: { code: number; message: string; status: RpcStatusName; details: unknown[] } } {
    const { reason, domain = 'health.googleapis.com', metadata } = this.details;
    const errorInfo =
      reason === undefined
        ? []
        : [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason,
              domain,
              ...(metadata === undefined ? {} : { metadata }),
            },
          ];
    return {
      error: { code: this.httpStatus, message: this.message, status: this.status, details: errorInfo },
    };
  }
}

export const invalidArgumentError = (message: string, reason = 'INVALID_ARGUMENT'): RpcStatusError =>
  new RpcStatusError(400, 'INVALID_ARGUMENT', message, { reason });

export const invalidFilterError = (message: string): RpcStatusError =>
  new RpcStatusError(400, 'INVALID_ARGUMENT', message, { reason: 'INVALID_FILTER_FORMAT' });

export const notFoundError = (message: string): RpcStatusError =>
  new RpcStatusError(404, 'NOT_FOUND', message, { reason: 'NOT_FOUND' });
