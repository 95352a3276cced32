import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';

/**
 * Deployment settings. Each key is read from CDK context (`-c key=value` or cdk.json), then from the
 * environment variable `PULSE_RELAY_<KEY_IN_UPPER_SNAKE_CASE>`, then falls back to the default below.
 */
const configSchema = z.object({
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage must be lower-case letters, digits or dashes')
    .default('dev'),
  alarmEmail: z.email().optional(),
  catchUpRateMinutes: z.coerce.number().int().min(5).max(1440).default(30),
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
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
  googleHealthApiUrl: z.url().default('https://health.googleapis.com'),
  googleOAuthAuthorizeUrl: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  googleOAuthTokenUrl: z.url().default('https://oauth2.googleapis.com/token'),
  googleOAuthRevokeUrl: z.url().default('https://oauth2.googleapis.com/revoke'),
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
    throw new InvalidConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  return parsed.data;
};
