// Kept free of imports: the CDK alarms (infra/) and the functions read the same names.

/** One CloudWatch namespace per stage, so two stages in one account never mix their figures. */
export const metricsNamespaceFor = (stage: string): string => `PulseRelay/${stage}`;

/** POWERTOOLS_SERVICE_NAME of each function; Powertools adds it to every metric as the `service` dimension. */
export const serviceNameFor = (functionName: string): string => `pulse-relay-${functionName}`;

/** Every custom metric the functions emit (unit: Count). */
export const METRIC = {
  /** Blood-pressure readings put for the first time; dimension `format`. */
  readingsStored: 'ReadingsStored',
  /** Readings already held (a re-upload); dimension `format`. */
  readingsDuplicate: 'ReadingsDuplicate',
  /** Readings refused one by one (out of range, no time...); dimension `format`. */
  readingsRefused: 'ReadingsRefused',
  /** Readings stored with the clock-suspect flag (time corrected or replaced by the time of receipt); dimension `format`. */
  readingsClockSuspect: 'ReadingsClockSuspect',
  /** Whole uploads refused before any reading was read (bad envelope, wrong media type); dimension `format`. */
  uploadsRefused: 'UploadsRefused',
  /** Alerts sent to the care-team queue; dimensions `rule`, `severity`. */
  alertsRaised: 'AlertsRaised',
  /** Sync jobs finished; dimension `outcome` (see SYNC_OUTCOMES). */
  syncs: 'Syncs',
  /** HTTP requests to Google Health; dimension `outcome` (see GOOGLE_CALL_OUTCOMES). */
  googleCalls: 'GoogleCalls',
  /** OAuth refresh-token grants; dimension `outcome` (`refreshed` or `failed`). */
  tokenRefreshes: 'TokenRefreshes',
  /** Links that lost their token and need the member to link again (the staff task is raised). */
  relinksNeeded: 'RelinksNeeded',
  /** Failures the code caught and answered with a 500: invisible to Lambda's Errors metric otherwise. */
  handledFailures: 'HandledFailures',
  /** Care-team notifications per target; dimensions `channel` (email, webhook), `outcome` (see DELIVERY_OUTCOMES). */
  deliveries: 'Deliveries',
  /** An urgent alert's notification reached no care-team channel and nothing more will be tried. */
  urgentAlertsUndelivered: 'UrgentAlertsUndelivered',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export const SYNC_OUTCOMES = ['synced', 'skipped', 'needs-relink', 'abandoned', 'failed'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export const GOOGLE_CALL_OUTCOMES = [
  'ok',
  'unauthorized',
  'rate-limited',
  'server-error',
  'client-error',
  'network-error',
] as const;
export type GoogleCallOutcome = (typeof GOOGLE_CALL_OUTCOMES)[number];

/** duplicate: the target already had it (a redelivered message); refused: not retried; failed: retried. */
export const DELIVERY_OUTCOMES = ['delivered', 'duplicate', 'refused', 'failed'] as const;
export type DeliveryOutcomeName = (typeof DELIVERY_OUTCOMES)[number];
export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;

/** Values of the `format` dimension: the upload formats, and `unknown` when the media type was refused. */
export const UPLOAD_FORMAT_DIMENSIONS = ['json', 'fhir', 'unknown'] as const;
