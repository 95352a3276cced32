import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthorizationRequestError, OAuthError } from './oauth-error.js';
import { KNOWN_READ_SCOPES } from './scopes.js';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; when omitted any http loopback URI is accepted (local development). */
  redirectUris?: string[];
}

export type ConsentDecision = 'approve' | 'deny';

export interface ConsentOptions {
  /** Scopes the person leaves ticked on Google's granular consent screen; default all requested. */
  grantedScopes?: string[];
}

interface PendingConsent extends ConsentOptions {
  decision: ConsentDecision;
  userKey: string | undefined;
}

interface Grant {
  id: string;
  userKey: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

interface AuthorizationCode {
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAtMs: number;
  offline: boolean;
  used: boolean;
}

interface AccessToken {
  grantId: string;
  expiresAtMs: number;
}

interface RefreshToken {
  grantId: string;
  active: boolean;
  expiresAtMs: number | undefined;
}

export interface OAuthSettings {
  accessTokenLifetimeSeconds: number;
  /** Google's "Testing" apps get 7-day refresh tokens; undefined means no expiry. */
  refreshTokenLifetimeSeconds: number | undefined;
  rotateRefreshTokens: boolean;
}

export type AccessCheck =
  | { ok: true; userKey: string; scopes: string[] }
  | { ok: false; reason: 'CREDENTIALS_MISSING' | 'ACCESS_TOKEN_EXPIRED' | 'INVALID_AUTHENTICATOR' };

const CODE_LIFETIME_MS = 10 * 60_000;
const token = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`;
const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const isLoopback = (uri: string): boolean => {
  try {
    const url = new URL(uri);
    const loopbackHost =
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
    return url.protocol === 'http:' && loopbackHost;
  } catch {
    return false;
  }
};

/** Google OAuth 2.0 (web-server flow with PKCE S256): consent, code exchange, refresh, revoke. */
export class OAuthServer {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly consents: PendingConsent[] = [];
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(
    private readonly now: () => number,
    readonly settings: OAuthSettings,
    private readonly userExists: (userKey: string) => boolean,
    private readonly defaultUserKey: () => string,
  ) {}

  registerClient(client: OAuthClient): void {
    this.clients.set(client.clientId, client);
  }

  setNextConsent(decision: ConsentDecision, userKey?: string, options: ConsentOptions = {}): void {
    this.consents.push({ decision, userKey, ...options });
  }

  /** Validates an authorization request and returns where the browser is sent next. */
  authorize(query: URLSearchParams): string {
    const param = (name: string) => query.get(name) ?? undefined;
    const clientId = param('client_id');
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    if (client === undefined)
      throw new AuthorizationRequestError('invalid_client', 'The OAuth client was not found.');
    const redirectUri = param('redirect_uri');
    const redirectAllowed =
      redirectUri !== undefined &&
      (client.redirectUris === undefined
        ? isLoopback(redirectUri)
        : client.redirectUris.includes(redirectUri));
    if (!redirectAllowed || redirectUri === undefined) {
      throw new AuthorizationRequestError('redirect_uri_mismatch', 'The redirect URI is not registered.');
    }
    if (param('response_type') !== 'code') {
      throw new AuthorizationRequestError('unsupported_response_type', 'response_type must be code.');
    }
    const scopes = (param('scope') ?? '').split(' ').filter((scope) => scope !== '');
    if (scopes.length === 0)
      throw new AuthorizationRequestError('invalid_request', 'Missing required parameter: scope');
    const unknown = scopes.filter((scope) => !KNOWN_READ_SCOPES.has(scope));
    if (unknown.length > 0) {
      throw new AuthorizationRequestError(
        'invalid_scope',
        `Some requested scopes were invalid: ${unknown.join(' ')}`,
      );
    }
    const codeChallenge = param('code_challenge');
    if (codeChallenge === undefined || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      throw new AuthorizationRequestError('invalid_request', 'A code_challenge (S256) is required.');
    }
    if (param('code_challenge_method') !== 'S256') {
      throw new AuthorizationRequestError('invalid_request', 'code_challenge_method must be S256.');
    }
    const accessType = param('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') {
      throw new AuthorizationRequestError('invalid_request', 'Invalid access_type.');
    }
    const prompt = param('prompt');
    if (
      prompt !== undefined &&
      !prompt.split(' ').every((value) => ['none', 'consent', 'select_account'].includes(value))
    ) {
      throw new AuthorizationRequestError('invalid_request', 'Invalid prompt.');
    }

    const redirect = new URL(redirectUri);
    const state = param('state');
    if (state !== undefined) redirect.searchParams.set('state', state);
    const consent = this.consents.shift();
    if (consent?.decision === 'deny') {
      redirect.searchParams.set('error', 'access_denied');
      return redirect.toString();
    }
    const hint = param('login_hint');
    const userKey =
      consent?.userKey ??
      (hint !== undefined && this.userExists(hint) ? hint : undefined) ??
      this.defaultUserKey();
    const granted =
      consent?.grantedScopes === undefined
        ? scopes
        : scopes.filter((s) => consent.grantedScopes?.includes(s));
    const grant: Grant = {
      id: token('g-'),
      userKey,
      clientId: client.clientId,
      scopes: granted,
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    const code = token('4/0A');
    this.codes.set(code, {
      grantId: grant.id,
      clientId: client.clientId,
      redirectUri,
      codeChallenge,
      expiresAtMs: this.now() + CODE_LIFETIME_MS,
      offline: accessType === 'offline',
      used: false,
    });
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('scope', granted.join(' '));
    return redirect.toString();
  }

  /** POST /token with an already-parsed form body and the Authorization header. */
  token(form: URLSearchParams, authorization: string | undefined): Record<string, unknown> {
    const client = this.authenticateClient(form, authorization);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(client, form);
    if (grantType === 'refresh_token') return this.refresh(client, form);
    throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  /** Revokes the token and, as Google does, the whole grant behind it. */
  revoke(tokenValue: string | undefined): void {
    const grantId =
      tokenValue === undefined
        ? undefined
        : (this.accessTokens.get(tokenValue)?.grantId ?? this.refreshTokens.get(tokenValue)?.grantId);
    const grant = grantId === undefined ? undefined : this.grants.get(grantId);
    if (grant === undefined || grant.revoked)
      throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    grant.revoked = true;
  }

  /** The person removes the app's access from their Google account. */
  revokeUserAccess(userKey: string): number {
    let count = 0;
    for (const grant of this.grants.values()) {
      if (grant.userKey === userKey && !grant.revoked) {
        grant.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  checkAccessToken(authorization: string | undefined): AccessCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (match?.[1] === undefined) return { ok: false, reason: 'CREDENTIALS_MISSING' };
    const access = this.accessTokens.get(match[1]);
    const grant = access === undefined ? undefined : this.grants.get(access.grantId);
    if (access === undefined || grant === undefined || grant.revoked)
      return { ok: false, reason: 'INVALID_AUTHENTICATOR' };
    if (access.expiresAtMs <= this.now()) return { ok: false, reason: 'ACCESS_TOKEN_EXPIRED' };
    return { ok: true, userKey: grant.userKey, scopes: grant.scopes };
  }

  private authenticateClient(form: URLSearchParams, authorization: string | undefined): OAuthClient {
    let clientId = form.get('client_id') ?? undefined;
    let clientSecret = form.get('client_secret') ?? undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (basic?.[1] !== undefined) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      if (separator > 0) {
        clientId = decodeURIComponent(decoded.slice(0, separator));
        clientSecret = decodeURIComponent(decoded.slice(separator + 1));
      }
    }
    const client = clientId === undefined ? undefined : this.clients.get(clientId);
    if (client === undefined || clientSecret === undefined || !sameText(client.clientSecret, clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    }
    return client;
  }

  private exchangeCode(client: OAuthClient, form: URLSearchParams): Record<string, unknown> {
    const codeValue = form.get('code') ?? '';
    const code = this.codes.get(codeValue);
    if (code === undefined) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
    if (code.used) {
      // A replayed code revokes what it issued (RFC 6749 section 4.1.2).
      const grant = this.grants.get(code.grantId);
      if (grant !== undefined) grant.revoked = true;
      throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    }
    code.used = true;
    if (code.expiresAtMs <= this.now()) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (code.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (form.get('redirect_uri') !== code.redirectUri)
      throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier');
    if (verifier === null) throw new OAuthError(400, 'invalid_request', 'Missing code verifier.');
    if (!VERIFIER.test(verifier) || !sameText(s256(verifier), code.codeChallenge)) {
      throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    const grant = this.liveGrant(code.grantId);
    return {
      ...this.issueAccessToken(grant),
      ...(code.offline ? this.issueRefreshToken(grant) : {}),
    };
  }

  private refresh(client: OAuthClient, form: URLSearchParams): Record<string, unknown> {
    const value = form.get('refresh_token') ?? '';
    const refresh = this.refreshTokens.get(value);
    const grant = refresh === undefined ? undefined : this.grants.get(refresh.grantId);
    if (refresh === undefined || grant === undefined || grant.clientId !== client.clientId) {
      throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    }
    if (!refresh.active || grant.revoked)
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    if (refresh.expiresAtMs !== undefined && refresh.expiresAtMs <= this.now()) {
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    if (!this.settings.rotateRefreshTokens) return this.issueAccessToken(grant);
    refresh.active = false;
    return { ...this.issueAccessToken(grant), ...this.issueRefreshToken(grant) };
  }

  private liveGrant(grantId: string): Grant {
    const grant = this.grants.get(grantId);
    if (grant === undefined || grant.revoked)
      throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    return grant;
  }

  private issueAccessToken(grant: Grant): Record<string, unknown> {
    const accessToken = token('ya29.');
    const lifetime = this.settings.accessTokenLifetimeSeconds;
    this.accessTokens.set(accessToken, { grantId: grant.id, expiresAtMs: this.now() + lifetime * 1000 });
    return {
      access_token: accessToken,
      expires_in: lifetime,
      scope: grant.scopes.join(' '),
      token_type: 'Bearer',
    };
  }

  private issueRefreshToken(grant: Grant): Record<string, unknown> {
    const refreshToken = token('1//0');
    const lifetime = this.settings.refreshTokenLifetimeSeconds;
    this.refreshTokens.set(refreshToken, {
      grantId: grant.id,
      active: true,
      expiresAtMs: lifetime === undefined ? undefined : this.now() + lifetime * 1000,
    });
    return {
      refresh_token: refreshToken,
      ...(lifetime === undefined ? {} : { refresh_token_expires_in: lifetime }),
    };
  }
}
