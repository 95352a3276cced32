/** Reads a required environment variable, failing fast with the variable's name. */
export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is required but not set`);
  }
  return value;
};

export const optionalEnv = (name: string, fallback: string): string => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
};

/** Names of the environment variables every function reads. One list, so infra and local stack agree. */
export const ENV = {
  readingsTable: 'READINGS_TABLE',
  directoryTable: 'DIRECTORY_TABLE',
  alertsTable: 'ALERTS_TABLE',
  alertQueueUrl: 'ALERT_QUEUE_URL',
  syncQueueUrl: 'SYNC_QUEUE_URL',
  tokenKmsKeyId: 'TOKEN_KMS_KEY_ID',
  localTokenKey: 'LOCAL_TOKEN_KEY',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  googleHealthApiUrl: 'GOOGLE_HEALTH_API_URL',
  googleOAuthAuthorizeUrl: 'GOOGLE_OAUTH_AUTHORIZE_URL',
  googleOAuthTokenUrl: 'GOOGLE_OAUTH_TOKEN_URL',
  googleOAuthRevokeUrl: 'GOOGLE_OAUTH_REVOKE_URL',
  googleClientId: 'GOOGLE_CLIENT_ID',
  googleClientSecret: 'GOOGLE_CLIENT_SECRET',
  googleClientSecretArn: 'GOOGLE_CLIENT_SECRET_ARN',
  /** Local stack only: the value itself. AWS passes webhookAuthorizationArn instead. */
  webhookAuthorization: 'GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION',
  webhookAuthorizationArn: 'GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION_ARN',
  webhookPublicKeyset: 'GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEYSET',
  googleHealthRequestsPerSecond: 'GOOGLE_HEALTH_REQUESTS_PER_SECOND',
  catchUpStaleAfterMinutes: 'CATCH_UP_STALE_AFTER_MINUTES',
  mailFrom: 'MAIL_FROM',
  smtpUrl: 'SMTP_URL',
  secureEmailDomains: 'SECURE_EMAIL_DOMAINS',
  teamWebhookSecretKmsKeyId: 'TEAM_WEBHOOK_SECRET_KMS_KEY_ID',
  /** The alert queue's redrive maxReceiveCount: the receive at which delivery is tried for the last time. */
  alertQueueMaxReceives: 'ALERT_QUEUE_MAX_RECEIVES',
  consoleOidcIssuer: 'CONSOLE_OIDC_ISSUER',
  consoleOidcClientId: 'CONSOLE_OIDC_CLIENT_ID',
  consoleSessionKey: 'CONSOLE_SESSION_KEY',
  consoleSessionKeySecretArn: 'CONSOLE_SESSION_KEY_SECRET_ARN',
} as const;
