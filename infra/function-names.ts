// Kept free of CDK imports: the local stack reads it too.
/** The function catalogue: each name is a folder functions/<name>/handler.ts exporting `handler`. */
export const FUNCTION_NAMES = [
  'ingest-blood-pressure',
  'authorize-device',
  'evaluate-alerts',
  'google-health-webhook',
  'link-pages',
  'sync-worker',
  'catch-up',
  'weekly-summary',
  'alert-follow-up',
  'deliver-alerts',
  'console',
  'console-sign-in',
  'console-actions',
  'console-invitations',
  'fhir-export',
] as const;

export type FunctionName = (typeof FUNCTION_NAMES)[number];
