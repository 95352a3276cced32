import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { describeZodIssues } from '../shared/domain/zod-issues.js';

/**
 * Deployment settings. Each key is read from CDK context (`-c key=value` or cdk.json), then from the
 * environment variable `PULSE_RELAY_<KEY_IN_UPPER_SNAKE_CASE>`, then falls back to the default below.
 */
/** Deployed stacks talk to Google over TLS only; the local stack's simulator is the one http:// user. */
const httpsUrl = (fallback: string) =>
  z
    .url()
    .refine(
      (url) => url.startsWith('https://'),
      'must be an https:// URL (plain http:// is accepted only by the local stack)',
    )
    .default(fallback);

const rateLimit = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const configSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage must be lower-case letters, digits or dashes')
    .default('dev'),
  alarmEmail: z.email().optional(),
  catchUpRateMinutes: z.coerce.number().int().min(5).max(1440).default(30),
  /** How often reminders, held baseline summaries and the bp-no-readings check run. */
  alertFollowUpRateMinutes: z.coerce.number().int().min(1).max(60).default(5),
  apiRateLimit: rateLimit(50),
  apiBurstLimit: rateLimit(100),
  /** Per-route limits (requests per second, burst) under the stage limit: each public caller its own. */
  deviceRateLimit: rateLimit(20),
  deviceBurstLimit: rateLimit(40),
  webhookRateLimit: rateLimit(50),
  webhookBurstLimit: rateLimit(100),
  linkPagesRateLimit: rateLimit(5),
  linkPagesBurstLimit: rateLimit(10),
  consoleRateLimit: rateLimit(20),
  consoleBurstLimit: rateLimit(40),
  /**
   * Reserve each function's concurrency (infra/function-settings.ts). Default: on for the stages named
   * prod or production, off elsewhere, so a first deploy fits a new account's small quota.
   */
  reservedConcurrency: z.enum(['on', 'off']).optional(),
  /**
   * Stack traces in the logs mapped to the TypeScript sources by Node at run time (--enable-source-maps).
   * Off by default: it slows every cold start; `npm run decode-stack` maps a trace offline instead.
   */
  sourceMapsAtRuntime: z.enum(['on', 'off']).default('off'),
  /** Day of the week the weekly summary is sent (EventBridge cron day, UTC). */
  weeklySummaryDay: z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']).default('MON'),
  /** Time of day, HH:MM in UTC, the weekly summary is sent. */
  weeklySummaryTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, UTC)')
    .default('08:00'),
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine(
      (days) => Object.values(RetentionDays).includes(days),
      'must be a CloudWatch Logs retention period',
    )
    .default(365),
  /** Base URL of the deployed API as members see it (custom domain); defaults to the API's own URL. */
  publicBaseUrl: z.url().optional(),
  googleClientId: z.string().min(1).optional(),
  /** Prefix of the Cognito hosted sign-in domain for staff; globally unique. Default pulse-relay-<stage>. */
  cognitoDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes')
    .optional(),
  /** Complete ARN of an existing Secrets Manager secret holding the Google OAuth client secret. */
  googleClientSecretArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/,
      'must be a complete ARN',
    )
    .optional(),
  /** Sender of care-team alert emails, e.g. alerts@relay.example.org. Verified as an SES identity. */
  alertEmailFrom: z.email().optional(),
  /** Verify this whole domain in SES (DKIM records to publish) instead of the single sender address. */
  alertEmailDomain: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, 'must be a lower-case domain name')
    .optional(),
  /** Comma-separated email domains a team may opt into full alert content for. */
  secureEmailDomains: z
    .string()
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, 'must be comma-separated lower-case domains')
    .default('nhs.net'),
  googleHealthApiUrl: httpsUrl('https://health.googleapis.com'),
  googleOAuthAuthorizeUrl: httpsUrl('https://accounts.google.com/o/oauth2/v2/auth'),
  googleOAuthTokenUrl: httpsUrl('https://oauth2.googleapis.com/token'),
  googleOAuthRevokeUrl: httpsUrl('https://oauth2.googleapis.com/revoke'),
});

export type PulseRelayConfig = z.infer<typeof configSchema>;
export type ConfigKey = keyof PulseRelayConfig;

export const CONFIG_KEYS = Object.keys(configSchema.shape) as ConfigKey[];

export const environmentVariableFor = (key: ConfigKey): string =>
  `PULSE_RELAY_${key
    .replace('OAuth', 'Oauth')
    .replace(/[A-Z]/g, (letter) => `_${letter}`)
    .toUpperCase()}`;

export class InvalidConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid pulse-relay configuration: ${issues.join('; ')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Builds the typed config from CDK context and environment variables; throws on any invalid value. */
export const loadConfig = (node: Node, environment: NodeJS.ProcessEnv = process.env): PulseRelayConfig => {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const fromContext: unknown = node.tryGetContext(key);
    const value = fromContext ?? environment[environmentVariableFor(key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidConfigError(describeZodIssues(parsed.error));
  }
  return parsed.data;
};

const PRODUCTION_STAGES = ['prod', 'production'];

export const reservesConcurrency = (config: PulseRelayConfig): boolean =>
  config.reservedConcurrency === undefined
    ? PRODUCTION_STAGES.includes(config.stage)
    : config.reservedConcurrency === 'on';
