import { Duration } from 'aws-cdk-lib';
import type { FunctionName } from './function-names.js';

export { FUNCTION_NAMES, type FunctionName } from './function-names.js';

export interface FunctionSettings {
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Caps cost and protects downstream quotas (Google's per-project limit, DynamoDB, care-team queue). */
  readonly reservedConcurrency: number;
  /**
   * V8's old-space cap (--max-old-space-size), for a function whose heap can grow near its memory: V8 then
   * collects garbage before Lambda stops the container for running out of memory.
   */
  readonly maxOldSpaceMb?: number;
}

/**
 * Sizing per function. Kept beside the catalogue because the stateful stack needs the sync worker's
 * timeout: its queue's visibility timeout must be at least six times longer.
 */
export const FUNCTION_SETTINGS: Record<FunctionName, FunctionSettings> = {
  'ingest-blood-pressure': {
    description: 'Stores blood-pressure readings uploaded by authorised devices',
    timeout: Duration.seconds(10),
    memorySize: 512,
    reservedConcurrency: 20,
  },
  'authorize-device': {
    description: 'HTTP API authoriser: checks the device credential and names its member',
    timeout: Duration.seconds(5),
    memorySize: 512,
    reservedConcurrency: 20,
  },
  'evaluate-alerts': {
    description: 'Evaluates each written reading against the member thresholds and raises care-team alerts',
    timeout: Duration.seconds(60),
    memorySize: 512,
    reservedConcurrency: 10,
  },
  'google-health-webhook': {
    description: 'Verifies Google Health notifications and queues sync jobs',
    timeout: Duration.seconds(10),
    memorySize: 512,
    reservedConcurrency: 10,
  },
  'link-pages': {
    description: 'Serves the member link pages and the Google OAuth callback',
    timeout: Duration.seconds(15),
    memorySize: 512,
    reservedConcurrency: 5,
  },
  'sync-worker': {
    description: 'Fetches wearable data from the Google Health API and stores normalised readings',
    timeout: Duration.seconds(120),
    // Its time is spent waiting for Google, so more memory (and CPU) would not shorten it; it is the largest
    // share of the Lambda bill (npm run cost). The bench's 30-day backfill at 1 Hz, the heaviest job, runs
    // under this heap cap with room to spare (npm run bench: "Peak heap, 30-day backfill at 1 Hz").
    memorySize: 512,
    maxOldSpaceMb: 256,
    reservedConcurrency: 5,
  },
  'catch-up': {
    description: 'Queues sync jobs for members who are due and raises or clears no-data alerts',
    timeout: Duration.seconds(120),
    memorySize: 512,
    // One run at a time: overlapping runs would queue duplicate jobs.
    reservedConcurrency: 1,
  },
  'weekly-summary': {
    description: 'Sends each care team a weekly summary per member and raises threshold review tasks',
    // Visits every member once a week: a few reads per member, so minutes for thousands of members.
    timeout: Duration.minutes(10),
    memorySize: 512,
    reservedConcurrency: 1,
  },
  'alert-follow-up': {
    description: 'Sends alert reminders and held baseline summaries, and raises bp-no-readings alerts',
    timeout: Duration.seconds(120),
    memorySize: 512,
    // One run at a time; the conditional writes would stop a doubled reminder anyway.
    reservedConcurrency: 1,
  },
  'deliver-alerts': {
    description: 'Delivers care-team notifications from the alert queue by email (SES) and signed webhook',
    // Each webhook call times out after 10 s; a message has at most ten email addresses and one webhook.
    timeout: Duration.seconds(60),
    memorySize: 512,
    // Also the event source's maximum concurrency; SES's send rate is the other limit.
    reservedConcurrency: 5,
  },
  // The console is five functions along its permission seams (docs/console.md); together they reserve
  // what the single console function did.
  console: {
    description: 'Care-team console pages: alert inbox, member pages and print view (read-only, audited)',
    timeout: Duration.seconds(15),
    memorySize: 1024,
    reservedConcurrency: 4,
  },
  'console-sign-in': {
    description: 'Care-team console sign-in and sign-out (OpenID Connect code flow with PKCE); no tables',
    timeout: Duration.seconds(10),
    memorySize: 512,
    reservedConcurrency: 1,
  },
  'console-actions': {
    description: 'Care-team console alert forms: acknowledge and snooze',
    timeout: Duration.seconds(15),
    memorySize: 1024,
    reservedConcurrency: 2,
  },
  'console-invitations': {
    description: 'Care-team console: creates a Fitbit link invitation and shows its QR code',
    timeout: Duration.seconds(15),
    memorySize: 1024,
    reservedConcurrency: 1,
  },
  'fhir-export': {
    description: 'FHIR R4 Observation search for GP records, behind the console sign-in and team check',
    timeout: Duration.seconds(15),
    memorySize: 1024,
    reservedConcurrency: 2,
  },
};

/** AWS guidance for SQS event sources: visibility timeout at least six times the function timeout. */
export const SQS_VISIBILITY_FACTOR = 6;
