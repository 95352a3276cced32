import type { Clock } from '../clock.js';
import { ianaTimeZoneSchema } from '../members/iana-time-zone.js';
import { UnknownMemberError } from '../members/unknown-member-error.js';
import type { LinkStore } from '../ports/link-store.js';
import type { MemberDirectory } from '../ports/member-directory.js';
import type { TokenVault } from '../ports/token-vault.js';
import type { SyncJob } from '../sync-job.js';
import { browserMatchesState } from './browser-binding.js';
import type { GoogleOAuth, GrantedTokens } from './google-oauth.js';
import { grantsAnyDataScope } from './google-scopes.js';
import { type HealthAccountReader, HealthAccountUnavailableError } from './health-account-reader.js';
import { type InvitationProblem, invitationProblem } from './invitation.js';
import type { InvitationStore } from './invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
} from './link-registry.js';
import { InvalidGrantError, OAuthProviderError, OAuthUnavailableError } from './oauth-errors.js';
import { noncesMatch, parseState } from './oauth-state.js';

export const BACKFILL_DAYS = 30;

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
}

/** The binding cookie's secret, if the browser sent one (see browser-binding.ts). */
export interface CallbackBrowser {
  bindingSecret: string | undefined;
}

export type CompleteOutcome =
  | { kind: 'linked'; memberId: string; backfillQueued: boolean }
  /** Unknown, malformed or mismatched state: not an answer to an attempt we started. */
  | { kind: 'bad-state' }
  /** The state is right but this browser did not start the attempt (no or wrong binding cookie). */
  | { kind: 'other-browser' }
  | { kind: 'invitation-problem'; problem: Exclude<InvitationProblem, 'not-found'> }
  /** The member said no. The invitation stays usable until it expires. */
  | { kind: 'declined'; expiresAt: string }
  | { kind: 'no-data-scopes'; expiresAt: string }
  | { kind: 'account-linked-elsewhere' }
  | { kind: 'member-linked-elsewhere' }
  | { kind: 'google-error' };

export interface CompleteLinkDeps {
  invitations: InvitationStore;
  registry: LinkRegistry;
  /** Who holds a Google account now: a grant in use by a link is never revoked. */
  links: Pick<LinkStore, 'findMemberByHealthUserId'>;
  directory: MemberDirectory;
  oauth: GoogleOAuth;
  accounts: HealthAccountReader;
  vault: TokenVault;
  sendSyncJob: (job: SyncJob) => Promise<void>;
  clock: Clock;
}

const isOAuthFailure = (error: unknown): boolean =>
  error instanceof InvalidGrantError ||
  error instanceof OAuthProviderError ||
  error instanceof OAuthUnavailableError;

/**
 * Revokes the grant a failed attempt obtained, unless a link in use holds the same Google account: Google
 * revokes the whole grant of that account to our client, so revoking would cut off the healthy link too.
 * When the account cannot be identified it is left alone for the same reason; an unused refresh token
 * expires after six months. Best effort throughout.
 */
const revokeUnlessInUse = async (
  deps: Pick<CompleteLinkDeps, 'oauth' | 'accounts' | 'links'>,
  tokens: GrantedTokens,
  knownHealthUserId?: string,
): Promise<void> => {
  const healthUserId =
    knownHealthUserId ?? (await deps.accounts.healthUserId(tokens.accessToken).catch(() => undefined));
  if (healthUserId === undefined) return;
  const owner = await deps.links.findMemberByHealthUserId(healthUserId).catch(() => 'unknown');
  if (owner !== undefined) return;
  await deps.oauth.revoke(tokens.refreshToken ?? tokens.accessToken).catch(() => undefined);
};

/**
 * Handles Google's redirect back to us.
 * 1. Match the state to the invitation's pending attempt (timing-safe); refuse used or expired invitations.
 *    Refuse a browser whose binding cookie does not hash to the state nonce, before anything else happens:
 *    no code exchange, and the member's own attempt stays usable.
 * 2. A decline or Google error forgets the attempt; the invitation stays usable until it expires.
 * 3. Exchange the code with the PKCE verifier; require a refresh token and at least one data scope.
 * 4. Read the Google Health user id and time zone (falling back to the member's zone), seal the tokens.
 * 5. Create the link, claim the account and use the invitation in one transaction. On any failure after the
 *    exchange, revoke the new grant so nothing half-linked remains, unless a link in use holds the same
 *    Google account (revoking would cut it off).
 * 6. Queue a 30-day backfill (if that fails the catch-up schedule still syncs the member).
 */
export const completeLink = async (
  query: CallbackQuery,
  browser: CallbackBrowser,
  deps: CompleteLinkDeps,
): Promise<CompleteOutcome> => {
  const now = deps.clock.now();
  const parsed = parseState(query.state);
  if (parsed === undefined) return { kind: 'bad-state' };
  const invitation = await deps.invitations.getInvitation(parsed.invitationId);
  const problem = invitationProblem(invitation, now);
  if (invitation === undefined || problem === 'not-found') return { kind: 'bad-state' };
  const pending = invitation.pendingAuthorization;
  const stateMatches = pending !== undefined && noncesMatch(parsed.nonce, pending.stateNonce);
  if (problem !== undefined) return { kind: 'invitation-problem', problem };
  if (!stateMatches || pending === undefined) return { kind: 'bad-state' };
  if (!browserMatchesState(browser.bindingSecret, pending.stateNonce)) return { kind: 'other-browser' };

  if (query.error !== undefined || query.code === undefined || query.code === '') {
    await deps.invitations.clearAuthorization(invitation.invitationId, pending.stateNonce);
    if (query.error === 'access_denied') return { kind: 'declined', expiresAt: invitation.expiresAt };
    return query.error === undefined ? { kind: 'bad-state' } : { kind: 'google-error' };
  }

  let tokens: GrantedTokens;
  let healthUserId: string | undefined;
  try {
    tokens = await deps.oauth.exchangeCode({ code: query.code, codeVerifier: pending.codeVerifier });
  } catch (error) {
    if (!isOAuthFailure(error)) throw error;
    await deps.invitations.clearAuthorization(invitation.invitationId, pending.stateNonce);
    return { kind: 'google-error' };
  }

  try {
    if (tokens.refreshToken === undefined) {
      await revokeUnlessInUse(deps, tokens);
      return { kind: 'google-error' };
    }
    if (!grantsAnyDataScope(tokens.scope)) {
      await revokeUnlessInUse(deps, tokens);
      await deps.invitations.clearAuthorization(invitation.invitationId, pending.stateNonce);
      return { kind: 'no-data-scopes', expiresAt: invitation.expiresAt };
    }
    const member = await deps.directory.getMember(invitation.memberId);
    if (member === undefined) throw new UnknownMemberError(invitation.memberId);
    healthUserId = await deps.accounts.healthUserId(tokens.accessToken);
    const googleZone = await deps.accounts.timeZone(tokens.accessToken).catch(() => undefined);
    const zone = ianaTimeZoneSchema.safeParse(googleZone);
    const timezone = zone.success ? zone.data : member.timezone;
    const sealed = await deps.vault.seal(invitation.memberId, {
      refreshToken: tokens.refreshToken,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      scope: tokens.scope,
    });
    await deps.registry.createLink({
      memberId: invitation.memberId,
      healthUserId,
      timezone,
      sealed,
      invitationId: invitation.invitationId,
      now,
    });
  } catch (error) {
    await revokeUnlessInUse(deps, tokens, healthUserId);
    if (error instanceof HealthAccountLinkedElsewhereError) return { kind: 'account-linked-elsewhere' };
    if (error instanceof MemberAlreadyLinkedError) return { kind: 'member-linked-elsewhere' };
    if (error instanceof InvitationNotUsableError) return { kind: 'invitation-problem', problem: 'used' };
    if (isOAuthFailure(error) || error instanceof HealthAccountUnavailableError)
      return { kind: 'google-error' };
    throw error;
  }

  const backfillQueued = await deps
    .sendSyncJob({ memberId: invitation.memberId, reason: 'backfill', backfillDays: BACKFILL_DAYS })
    .then(() => true)
    .catch(() => false);
  return { kind: 'linked', memberId: invitation.memberId, backfillQueued };
};
