import {
  type HealthAccountReader,
  HealthAccountUnavailableError,
} from '../../domain/link/health-account-reader.js';
import * as z from '../../domain/zod-mini.js';

const identitySchema = z.object({ healthUserId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,63}$/)) });
const settingsSchema = z.object({ timeZone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) });
const statusSchema = z.object({
  error: z.object({
    status: z.optional(z.string()),
    details: z.optional(z.array(z.looseObject({ reason: z.optional(z.string()) }))),
  }),
});

/** Accepts the API root with or without /v4 (the simulator hands out .../v4/). */
export const apiV4Base = (apiUrl: string): string => `${apiUrl.replace(/\/+$/, '').replace(/\/v4$/, '')}/v4`;

/** Reads identity and settings right after consent, to know which Google Health user this is. */
export class GoogleHealthAccountReader implements HealthAccountReader {
  private readonly base: string;

  constructor(
    apiUrl: string,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
  ) {
    this.base = apiV4Base(apiUrl);
  }

  async healthUserId(accessToken: string): Promise<string> {
    const body = await this.get('users/me/identity', accessToken);
    const parsed = identitySchema.safeParse(body);
    if (!parsed.success) throw new HealthAccountUnavailableError(200, 'UNREADABLE_IDENTITY');
    return parsed.data.healthUserId;
  }

  async timeZone(accessToken: string): Promise<string | undefined> {
    const parsed = settingsSchema.safeParse(await this.get('users/me/settings', accessToken));
    return parsed.success ? parsed.data.timeZone : undefined;
  }

  private async get(path: string, accessToken: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}/${path}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new HealthAccountUnavailableError(0, 'UNREACHABLE');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return body;
    const status = statusSchema.safeParse(body);
    const reason = status.success
      ? (status.data.error.details?.find((detail) => detail.reason !== undefined)?.reason ??
        status.data.error.status ??
        'UNKNOWN')
      : 'UNKNOWN';
    throw new HealthAccountUnavailableError(response.status, reason);
  }
}
