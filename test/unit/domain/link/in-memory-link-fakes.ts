import type { GoogleOAuth, GrantedTokens } from '../../../../shared/domain/link/google-oauth.js';
import type { Invitation } from '../../../../shared/domain/link/invitation.js';
import type { InvitationStore } from '../../../../shared/domain/link/invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
  type NewLink,
} from '../../../../shared/domain/link/link-registry.js';
import type { LinkTokenStore, StoredTokens } from '../../../../shared/domain/link/link-token-store.js';
import type { SealedTokens, TokenBundle, TokenVault } from '../../../../shared/domain/ports/token-vault.js';
import type { WearableLink } from '../../../../shared/domain/wearable-link.js';

/** Seals by JSON-encoding with the member id, so tests can see what was stored. */
export const transparentVault: TokenVault = {
  seal: async (memberId, bundle) => ({
    scheme: 'local',
    iv: memberId,
    ciphertext: JSON.stringify(bundle),
    authTag: 'test',
  }),
  open: async (memberId, sealed) => {
    if (sealed.iv !== memberId) throw new Error('wrong member');
    return JSON.parse(sealed.ciphertext) as TokenBundle;
  },
};

interface LinkRow {
  link: WearableLink;
  tokenVersion: number;
  sealed?: SealedTokens;
  refreshLeaseUntil?: string;
}

/** A faithful-enough in-memory twin of DynamoDbLinkStore's conditional semantics. */
export class InMemoryLinkStore implements LinkTokenStore, LinkRegistry, InvitationStore {
  readonly links = new Map<string, LinkRow>();
  readonly accounts = new Map<string, string>();
  readonly invitations = new Map<string, Invitation>();
  writes = 0;

  async readTokens(memberId: string): Promise<StoredTokens | undefined> {
    const row = this.links.get(memberId);
    if (row?.sealed === undefined) return undefined;
    return {
      state: row.link.state,
      tokenVersion: row.tokenVersion,
      sealed: row.sealed,
      ...(row.refreshLeaseUntil === undefined ? {} : { refreshLeaseUntil: row.refreshLeaseUntil }),
    };
  }

  async tryAcquireRefreshLease(memberId: string, version: number, until: Date, now: Date) {
    const row = this.links.get(memberId);
    if (row === undefined || row.tokenVersion !== version || row.link.state !== 'linked') return false;
    if (row.refreshLeaseUntil !== undefined && row.refreshLeaseUntil > now.toISOString()) return false;
    row.refreshLeaseUntil = until.toISOString();
    return true;
  }

  async replaceTokens(memberId: string, version: number, sealed: SealedTokens) {
    const row = this.links.get(memberId);
    if (row === undefined || row.tokenVersion !== version || row.link.state !== 'linked') return false;
    row.sealed = sealed;
    row.tokenVersion += 1;
    delete row.refreshLeaseUntil;
    this.writes += 1;
    return true;
  }

  async releaseRefreshLease(memberId: string, version: number) {
    const row = this.links.get(memberId);
    if (row !== undefined && row.tokenVersion === version) delete row.refreshLeaseUntil;
  }

  async markNeedsRelink(memberId: string, version: number) {
    const row = this.links.get(memberId);
    if (row === undefined || row.tokenVersion !== version || row.link.state !== 'linked') return false;
    row.link.state = 'needs-relink';
    return true;
  }

  async findMemberByHealthUserId(healthUserId: string) {
    return this.accounts.get(healthUserId);
  }

  /** The same checks, in the same order, as DynamoDbLinkStore.createLink (test/integration/link/link-registry-contract.test.ts). */
  async createLink(link: NewLink): Promise<WearableLink> {
    const existing = this.links.get(link.memberId);
    if (existing?.link.state === 'linked' && existing.link.healthUserId !== link.healthUserId) {
      throw new MemberAlreadyLinkedError(link.memberId);
    }
    const owner = this.accounts.get(link.healthUserId);
    if (owner !== undefined && owner !== link.memberId)
      throw new HealthAccountLinkedElsewhereError(link.healthUserId);
    const invitation = this.invitations.get(link.invitationId);
    if (
      invitation === undefined ||
      invitation.memberId !== link.memberId ||
      invitation.usedAt !== undefined ||
      invitation.cancelledAt !== undefined ||
      invitation.expiresAt <= link.now.toISOString()
    ) {
      throw new InvitationNotUsableError(link.invitationId);
    }
    invitation.usedAt = link.now.toISOString();
    delete invitation.pendingAuthorization;
    const wearableLink: WearableLink = {
      memberId: link.memberId,
      provider: 'google-health',
      state: 'linked',
      healthUserId: link.healthUserId,
      timezone: link.timezone,
      linkedAt: link.now.toISOString(),
      // A re-link of the same account resumes where sync stopped; a different account starts afresh.
      cursors: existing?.link.healthUserId === link.healthUserId ? existing.link.cursors : {},
    };
    if (
      existing !== undefined &&
      existing.link.state !== 'unlinked' &&
      existing.link.healthUserId !== link.healthUserId
    ) {
      this.accounts.delete(existing.link.healthUserId);
    }
    const previous = existing?.tokenVersion ?? 0;
    this.links.set(link.memberId, { link: wearableLink, tokenVersion: previous + 1, sealed: link.sealed });
    this.accounts.set(link.healthUserId, link.memberId);
    return wearableLink;
  }

  async removeLink(memberId: string) {
    const row = this.links.get(memberId);
    if (row === undefined || row.link.state === 'unlinked') return undefined;
    const sealed = row.sealed;
    row.link.state = 'unlinked';
    row.tokenVersion += 1;
    delete row.sealed;
    this.accounts.delete(row.link.healthUserId);
    return sealed === undefined ? undefined : { sealed, healthUserId: row.link.healthUserId };
  }

  async putInvitation(invitation: Invitation) {
    this.invitations.set(invitation.invitationId, { ...invitation });
  }

  async getInvitation(invitationId: string) {
    const invitation = this.invitations.get(invitationId);
    return invitation === undefined ? undefined : structuredClone(invitation);
  }

  async startAuthorization(
    invitationId: string,
    pending: NonNullable<Invitation['pendingAuthorization']>,
    now: Date,
  ) {
    const invitation = this.invitations.get(invitationId);
    if (
      invitation === undefined ||
      invitation.usedAt !== undefined ||
      invitation.cancelledAt !== undefined ||
      invitation.expiresAt <= now.toISOString()
    ) {
      return false;
    }
    invitation.pendingAuthorization = pending;
    return true;
  }

  async clearAuthorization(invitationId: string, stateNonce: string) {
    const invitation = this.invitations.get(invitationId);
    if (invitation?.pendingAuthorization?.stateNonce === stateNonce) delete invitation.pendingAuthorization;
  }

  async listInvitations(memberId: string) {
    return [...this.invitations.values()].filter((invitation) => invitation.memberId === memberId);
  }

  async cancelInvitation(invitationId: string, at: Date) {
    const invitation = this.invitations.get(invitationId);
    if (invitation === undefined || invitation.usedAt !== undefined || invitation.cancelledAt !== undefined) {
      return false;
    }
    invitation.cancelledAt = at.toISOString();
    delete invitation.pendingAuthorization;
    return true;
  }

  async deleteInvitation(invitationId: string) {
    this.invitations.delete(invitationId);
  }
}

/** A scripted Google: counts calls, answers with the queued results. */
export class FakeGoogleOAuth implements GoogleOAuth {
  readonly refreshes: string[] = [];
  readonly revoked: string[] = [];
  readonly exchanges: { code: string; codeVerifier: string }[] = [];
  refreshResult: () => Promise<GrantedTokens> = async () => ({
    accessToken: `access-${this.refreshes.length}`,
    accessTokenExpiresAt: '2026-11-23T12:00:00.000Z',
    scope: 'granted',
  });
  exchangeResult: () => Promise<GrantedTokens> = async () => ({
    accessToken: 'first-access',
    accessTokenExpiresAt: '2026-11-23T11:00:00.000Z',
    refreshToken: 'first-refresh',
    scope:
      'https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly https://www.googleapis.com/auth/googlehealth.settings.readonly',
  });

  authorizationUrl(request: { state: string; codeChallenge: string }): string {
    return `https://google.test/auth?state=${request.state}&code_challenge=${request.codeChallenge}`;
  }

  async exchangeCode(request: { code: string; codeVerifier: string }) {
    this.exchanges.push(request);
    return this.exchangeResult();
  }

  async refresh(refreshToken: string) {
    this.refreshes.push(refreshToken);
    // Yield so concurrent callers really overlap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.refreshResult();
  }

  async revoke(token: string) {
    this.revoked.push(token);
  }
}
