import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { type AccessTokenProvider, LinkNeedsRelinkError } from '../ports/access-token-provider.js';
import type { TokenBundle, TokenVault } from '../ports/token-vault.js';
import type { GoogleOAuth } from './google-oauth.js';
import type { LinkTokenStore, StoredTokens } from './link-token-store.js';
import { InvalidGrantError } from './oauth-errors.js';
import type { RelinkAlertRaiser } from './relink-alert-raiser.js';

/** The member has no link, or it was unlinked: there is no token to hand out. */
export class LinkNotActiveError extends Error {
  constructor(readonly memberId: string) {
    super(`Member ${memberId} has no active Google Health link`);
    this.name = 'LinkNotActiveError';
  }
}

/** Another worker held the refresh lease for longer than we were willing to wait. */
export class TokenRefreshContendedError extends Error {
  constructor(readonly memberId: string) {
    super(`Timed out waiting for another worker to refresh the token of member ${memberId}`);
    this.name = 'TokenRefreshContendedError';
  }
}

export interface RefreshingAccessTokenProviderDeps {
  tokens: LinkTokenStore;
  vault: TokenVault;
  oauth: GoogleOAuth;
  alerts: RelinkAlertRaiser;
  clock: Clock;
}

export interface RefreshingAccessTokenProviderOptions {
  /** An access token this close to expiry counts as expired (a sync may run for a while). */
  expiryMarginMs?: number;
  /** How long a worker may hold the refresh lease; a crashed holder blocks others no longer than this. */
  leaseMs?: number;
  /** How often a waiting worker re-reads the link while another holds the lease. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface Remembered {
  accessToken: string;
  expiresAtMs: number;
}

/**
 * AccessTokenProvider over the encrypted tokens on the link item.
 *
 * Refreshes are single-flight at two levels: one promise per member inside this process, and across
 * processes a short lease on the link item taken under the tokenVersion condition. Only the lease holder calls
 * Google; it stores the new bundle (with any rotated refresh token) before using it, under the same condition.
 * Others poll until the version moves and use that token. On invalid_grant the link is re-read: if another
 * worker already stored new tokens they are used, otherwise staff are alerted and the link is marked
 * needs-relink.
 */
export class RefreshingAccessTokenProvider implements AccessTokenProvider {
  private readonly remembered = new Map<string, Remembered>();
  private readonly rejected = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly expiryMarginMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly deps: RefreshingAccessTokenProviderDeps,
    options: RefreshingAccessTokenProviderOptions = {},
  ) {
    this.expiryMarginMs = options.expiryMarginMs ?? 120_000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 150;
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
  }

  async accessTokenFor(memberId: string): Promise<string> {
    const remembered = this.remembered.get(memberId);
    if (remembered !== undefined && this.isFresh(remembered.accessToken, remembered.expiresAtMs, memberId)) {
      return remembered.accessToken;
    }
    const running = this.inFlight.get(memberId);
    if (running !== undefined) return running;
    const obtaining = this.obtain(memberId).finally(() => this.inFlight.delete(memberId));
    this.inFlight.set(memberId, obtaining);
    return obtaining;
  }

  async invalidate(memberId: string, rejectedAccessToken: string): Promise<void> {
    this.rejected.set(memberId, rejectedAccessToken);
    if (this.remembered.get(memberId)?.accessToken === rejectedAccessToken) this.remembered.delete(memberId);
  }

  private isFresh(accessToken: string, expiresAtMs: number, memberId: string): boolean {
    return (
      this.rejected.get(memberId) !== accessToken &&
      expiresAtMs - this.expiryMarginMs > this.deps.clock.now().getTime()
    );
  }

  private remember(memberId: string, bundle: TokenBundle): string {
    this.remembered.set(memberId, {
      accessToken: bundle.accessToken,
      expiresAtMs: Date.parse(bundle.accessTokenExpiresAt),
    });
    return bundle.accessToken;
  }

  private async readActive(memberId: string): Promise<StoredTokens> {
    const stored = await this.deps.tokens.readTokens(memberId);
    if (stored === undefined || stored.state === 'unlinked') throw new LinkNotActiveError(memberId);
    if (stored.state === 'needs-relink') throw new LinkNeedsRelinkError(memberId);
    return stored;
  }

  private async obtain(memberId: string): Promise<string> {
    const maxPolls = Math.ceil((this.leaseMs * 1.5) / this.pollMs);
    let opened: { version: number; bundle: TokenBundle } | undefined;
    for (let poll = 0; poll <= maxPolls; poll += 1) {
      const stored = await this.readActive(memberId);
      // Decrypt only when the version moved: with KMS every open is a Decrypt call.
      if (opened?.version !== stored.tokenVersion) {
        opened = {
          version: stored.tokenVersion,
          bundle: await this.deps.vault.open(memberId, stored.sealed),
        };
      }
      const { bundle } = opened;
      if (this.isFresh(bundle.accessToken, Date.parse(bundle.accessTokenExpiresAt), memberId)) {
        return this.remember(memberId, bundle);
      }
      const now = this.deps.clock.now();
      const leaseHeld =
        stored.refreshLeaseUntil !== undefined && Date.parse(stored.refreshLeaseUntil) > now.getTime();
      if (!leaseHeld) {
        const until = new Date(now.getTime() + this.leaseMs);
        if (await this.deps.tokens.tryAcquireRefreshLease(memberId, stored.tokenVersion, until, now)) {
          const token = await this.refreshHoldingLease(memberId, stored.tokenVersion, bundle);
          if (token !== undefined) return token;
          continue;
        }
      }
      await this.sleep(this.pollMs);
    }
    throw new TokenRefreshContendedError(memberId);
  }

  /** Returns the new access token, or undefined when the tokens changed under us and the caller should re-read. */
  private async refreshHoldingLease(
    memberId: string,
    version: number,
    bundle: TokenBundle,
  ): Promise<string | undefined> {
    let granted: Awaited<ReturnType<GoogleOAuth['refresh']>>;
    try {
      granted = await this.deps.oauth.refresh(bundle.refreshToken);
    } catch (error) {
      if (error instanceof InvalidGrantError) return this.onInvalidGrant(memberId, version);
      await this.deps.tokens.releaseRefreshLease(memberId, version).catch(() => undefined);
      throw error;
    }
    const next: TokenBundle = {
      refreshToken: granted.refreshToken ?? bundle.refreshToken,
      accessToken: granted.accessToken,
      accessTokenExpiresAt: granted.accessTokenExpiresAt,
      scope: granted.scope === '' ? bundle.scope : granted.scope,
    };
    const sealed = await this.deps.vault.seal(memberId, next);
    // Stored before use: if this write is lost, so is a rotated refresh token.
    if (!(await this.deps.tokens.replaceTokens(memberId, version, sealed))) return undefined;
    this.rejected.delete(memberId);
    return this.remember(memberId, next);
  }

  private async onInvalidGrant(memberId: string, version: number): Promise<string | undefined> {
    const again = await this.readActive(memberId);
    if (again.tokenVersion !== version) return undefined;
    // Alert first: if raising fails the link stays linked and the retried job comes back here.
    await this.deps.alerts.raiseNeedsRelink(memberId, this.deps.clock.now());
    if (!(await this.deps.tokens.markNeedsRelink(memberId, version))) return undefined;
    this.remembered.delete(memberId);
    throw new LinkNeedsRelinkError(memberId);
  }
}
