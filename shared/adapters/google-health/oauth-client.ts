import type { GoogleOAuth, GrantedTokens } from '../../domain/link/google-oauth.js';
import { REQUESTED_SCOPES } from '../../domain/link/google-scopes.js';
import {
  InvalidGrantError,
  OAuthProviderError,
  OAuthUnavailableError,
} from '../../domain/link/oauth-errors.js';
import * as z from '../../domain/zod-mini.js';

export interface OAuthClientConfig {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  clientId: string;
  /** Resolved lazily: in AWS it comes from Secrets Manager, cached. */
  clientSecret: () => Promise<string>;
  redirectUri: string;
  now?: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.int().check(z.positive()),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  scope: z._default(z.string(), ''),
  token_type: z.string().check(z.regex(/^bearer$/i)),
});

const errorResponseSchema = z.object({
  error: z.string().check(z.minLength(1)),
  error_description: z.optional(z.string()),
});

/** Google OAuth 2.0 over fetch: form posts with client_secret_post, responses validated with zod. */
export class GoogleOAuthClient implements GoogleOAuth {
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly timeoutMs: number;

  constructor(private readonly config: OAuthClientConfig) {
    this.fetch = config.fetch ?? globalThis.fetch;
    this.now = config.now ?? (() => new Date());
    this.timeoutMs = config.timeoutMs ?? 10_000;
  }

  authorizationUrl(request: { state: string; codeChallenge: string }): string {
    const url = new URL(this.config.authorizeUrl);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUri,
      scope: REQUESTED_SCOPES.join(' '),
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
      // consent every time so Google issues a refresh token even for a returning account
      prompt: 'consent',
      include_granted_scopes: 'false',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async exchangeCode(request: { code: string; codeVerifier: string }): Promise<GrantedTokens> {
    return this.tokenRequest({
      grant_type: 'authorization_code',
      code: request.code,
      code_verifier: request.codeVerifier,
      redirect_uri: this.config.redirectUri,
    });
  }

  async refresh(refreshToken: string): Promise<GrantedTokens> {
    return this.tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async revoke(token: string): Promise<void> {
    const response = await this.post(this.config.revokeUrl, { token });
    if (response.ok) return;
    const error = await this.readError(response);
    // Already expired or revoked: the outcome we wanted.
    if (error instanceof OAuthProviderError && error.error === 'invalid_token') return;
    throw error;
  }

  private async tokenRequest(form: Record<string, string>): Promise<GrantedTokens> {
    const response = await this.post(this.config.tokenUrl, {
      ...form,
      client_id: this.config.clientId,
      client_secret: await this.config.clientSecret(),
    });
    if (!response.ok) throw await this.readError(response);
    const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new OAuthUnavailableError('Google token endpoint returned an unreadable body');
    const body = parsed.data;
    return {
      accessToken: body.access_token,
      accessTokenExpiresAt: new Date(this.now().getTime() + body.expires_in * 1000).toISOString(),
      ...(body.refresh_token === undefined ? {} : { refreshToken: body.refresh_token }),
      scope: body.scope,
    };
  }

  private async post(url: string, form: Record<string, string>): Promise<Response> {
    try {
      return await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OAuthUnavailableError(
        `Google OAuth could not be reached: ${error instanceof Error ? error.name : 'unknown error'}`,
      );
    }
  }

  private async readError(response: Response): Promise<Error> {
    if (response.status >= 500) return new OAuthUnavailableError(`Google OAuth answered ${response.status}`);
    const parsed = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return new OAuthUnavailableError(`Google OAuth answered ${response.status}`);
    const description = parsed.data.error_description ?? '';
    if (parsed.data.error === 'invalid_grant') return new InvalidGrantError(description);
    return new OAuthProviderError(response.status, parsed.data.error, description);
  }
}
