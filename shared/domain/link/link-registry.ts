import type { SealedTokens } from '../ports/token-vault.js';
import type { WearableLink } from '../wearable-link.js';

export class InvitationNotUsableError extends Error {
  constructor(readonly invitationId: string) {
    super('The invitation was used or expired before the link was made');
    this.name = 'InvitationNotUsableError';
  }
}

export class HealthAccountLinkedElsewhereError extends Error {
  constructor(readonly healthUserId: string) {
    super('This Google Health account is already linked to another member');
    this.name = 'HealthAccountLinkedElsewhereError';
  }
}

export class MemberAlreadyLinkedError extends Error {
  constructor(readonly memberId: string) {
    super(`Member ${memberId} is already linked to a different Google Health account`);
    this.name = 'MemberAlreadyLinkedError';
  }
}

export interface NewLink {
  memberId: string;
  healthUserId: string;
  timezone: string;
  sealed: SealedTokens;
  invitationId: string;
  now: Date;
}

/** Creating and removing links: all-or-nothing writes across the link, account mapping and invitation. */
export interface LinkRegistry {
  /**
   * Atomically: writes the linked link with its tokens, claims the Google account for this member and marks
   * the invitation used. Throws InvitationNotUsableError, HealthAccountLinkedElsewhereError or
   * MemberAlreadyLinkedError and writes nothing when any part fails.
   */
  createLink(link: NewLink): Promise<WearableLink>;
  /**
   * Atomically: sets the link unlinked, deletes its tokens and the account mapping. Returns the tokens that were
   * stored (for revocation), or undefined when there was no link with tokens.
   */
  removeLink(memberId: string): Promise<{ sealed: SealedTokens; healthUserId: string } | undefined>;
}
