/**
 * Google answered 403 for one data type. Consent is per scope, and Google's consent screen lets a member
 * untick scopes, so this usually means that type's scope was refused: the other types still sync.
 * `accountWide` marks the 403 Google gives on every call until the member consents again
 * (RESOURCE_PERMISSION_DENIED): the link itself needs making again.
 */
export class DataTypeAccessDeniedError extends Error {
  constructor(
    readonly dataType: string,
    readonly accountWide: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'DataTypeAccessDeniedError';
  }
}

/** The google.rpc.Status reason (or status) Google uses when all access is withdrawn until re-consent. */
export const ACCOUNT_WIDE_DENIAL = 'RESOURCE_PERMISSION_DENIED';
