import type { Invitation } from '../../shared/domain/link/invitation.js';
import type { InvitationStore } from '../../shared/domain/link/invitation-store.js';
import {
  HealthAccountLinkedElsewhereError,
  InvitationNotUsableError,
  type LinkRegistry,
  MemberAlreadyLinkedError,
  type NewLink,
} from '../../shared/domain/link/link-registry.js';
import type { LinkTokenStore, StoredTokens } from '../../shared/domain/link/link-token-store.js';
import type { LinkStore, SyncRecord } from '../../shared/domain/ports/link-store.js';
import type { SealedTokens } from '../../shared/domain/ports/token-vault.js';
import type { WearableLink } from '../../shared/domain/wearable-link.js';

export interface LinkRow {
  link: WearableLink;
  tokenVersion: number;
  sealed?: SealedTokens;
  refreshLeaseUntil?: string;
}

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;

/** A linked member's link, for seeding: every field a test does not care about filled in. */
export const linkFor = (memberId: string, overrides: Partial<WearableLink> = {}): WearableLink => ({
  memberId,
  provider: 'google-health',
  state: 'linked',
  healthUserId: `hu-${memberId}`,
  timezone: 'Europe/London',
  linkedAt: '2026-11-01T00:00:00.000Z',
  cursors: {},
  ...overrides,
});

/**
 * The in-memory twin of the DynamoDB link adapters (DynamoDbLinkStore, DynamoDbLinkRegistry and
 * DynamoDbInvitationStore): links, their tokens, the account-to-member mapping and
 * invitations, with the same conditions. test/contracts/link-store.contract.ts runs against both.
 */
export class InMemoryLinkStore implements LinkStore, LinkTokenStore, LinkRegistry, InvitationStore {
  readonly links = new Map<string, LinkRow>();
  readonly accounts = new Map<string, string>();
  readonly invitations = new Map<string, Invitation>();
  /** Links per page of linkedPages. */
  pageSize = 100;
  writes = 0;

  /** Stores a link as if it had been made earlier (and maps its account unless it is unlinked). */
  seed(link: WearableLink, tokens: { tokenVersion?: number; sealed?: SealedTokens } = {}): void {
    this.links.set(link.memberId, {
      link: structuredClone(link),
      tokenVersion: tokens.tokenVersion ?? 1,
      ...(tokens.sealed === undefined ? {} : { sealed: tokens.sealed }),
    });
    if (link.state !== 'unlinked') this.accounts.set(link.healthUserId, link.memberId);
  }

  // LinkStore

  async get(memberId: string): Promise<WearableLink | undefined> {
    const row = this.links.get(memberId);
    return row === undefined ? undefined : structuredClone(row.link);
  }

  async findMemberByHealthUserId(healthUserId: string): Promise<string | undefined> {
    return this.accounts.get(healthUserId);
  }

  async *linkedPages(
    states: readonly WearableLink['state'][] = ['linked'],
  ): AsyncIterable<readonly WearableLink[]> {
    for (const state of states) {
      const matching = [...this.links.values()]
        .filter((row) => row.link.state === state)
        .map((row) => structuredClone(row.link));
      for (let start = 0; start < matching.length; start += this.pageSize) {
        yield matching.slice(start, start + this.pageSize);
      }
    }
  }

  async recordSync(memberId: string, update: SyncRecord): Promise<void> {
    const row = this.links.get(memberId);
    if (row === undefined) return;
    const link = row.link;
    for (const [type, at] of Object.entries(update.cursors)) {
      const previous = link.cursors[type];
      if (previous === undefined || previous < at) link.cursors[type] = at;
    }
    const lastSyncAt = laterOf(link.lastSyncAt, update.lastSyncAt);
    if (lastSyncAt !== undefined) link.lastSyncAt = lastSyncAt;
    const lastDataAt = laterOf(link.lastDataAt, update.lastDataAt);
    if (lastDataAt !== undefined) link.lastDataAt = lastDataAt;
    if (update.consent !== undefined) {
      link.grantedTypes = [...update.consent.granted];
      link.refusedTypes = [...update.consent.refused];
    }
  }

  async recordNotification(memberId: string, at: string): Promise<void> {
    const row = this.links.get(memberId);
    if (row === undefined) return;
    if (row.link.lastNotificationAt === undefined || row.link.lastNotificationAt < at) {
      row.link.lastNotificationAt = at;
    }
  }

  async setState(memberId: string, state: WearableLink['state']): Promise<void> {
    const row = this.links.get(memberId);
    // The adapter's update is conditional on the link existing.
    if (row === undefined) throw new Error(`No link for member ${memberId}`);
    row.link.state = state;
  }

  // LinkTokenStore

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
    delete row.refreshLeaseUntil;
    return true;
  }

  // LinkRegistry

  /** The same checks, in the same order, as DynamoDbLinkRegistry.createLink. */
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
    const sameAccount = existing?.link.healthUserId === link.healthUserId;
    const wearableLink: WearableLink = {
      memberId: link.memberId,
      provider: 'google-health',
      state: 'linked',
      healthUserId: link.healthUserId,
      timezone: link.timezone,
      linkedAt: link.now.toISOString(),
      // A re-link of the same account resumes where sync stopped; a different account starts afresh.
      cursors: sameAccount && existing !== undefined ? structuredClone(existing.link.cursors) : {},
      ...(existing?.link.lastSyncAt === undefined ? {} : { lastSyncAt: existing.link.lastSyncAt }),
      ...(existing?.link.lastDataAt === undefined ? {} : { lastDataAt: existing.link.lastDataAt }),
    };
    if (existing !== undefined && existing.link.state !== 'unlinked' && !sameAccount) {
      this.accounts.delete(existing.link.healthUserId);
    }
    const previous = existing?.tokenVersion ?? 0;
    this.links.set(link.memberId, {
      link: structuredClone(wearableLink),
      tokenVersion: previous + 1,
      sealed: link.sealed,
    });
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
    delete row.refreshLeaseUntil;
    if (this.accounts.get(row.link.healthUserId) === memberId) this.accounts.delete(row.link.healthUserId);
    return sealed === undefined ? undefined : { sealed, healthUserId: row.link.healthUserId };
  }

  // InvitationStore

  async putInvitation(invitation: Invitation) {
    if (this.invitations.has(invitation.invitationId)) {
      throw new Error(`Invitation ${invitation.invitationId} already exists`);
    }
    this.invitations.set(invitation.invitationId, structuredClone(invitation));
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

  /** Oldest first, as the adapter's index (createdAt, then id) returns them. */
  async listInvitations(memberId: string) {
    return [...this.invitations.values()]
      .filter((invitation) => invitation.memberId === memberId)
      .sort((a, b) => `${a.createdAt}#${a.invitationId}`.localeCompare(`${b.createdAt}#${b.invitationId}`))
      .map((invitation) => structuredClone(invitation));
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
