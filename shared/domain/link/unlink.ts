import type { Clock } from '../clock.js';
import type { TokenVault } from '../ports/token-vault.js';
import type { GoogleOAuth } from './google-oauth.js';
import { invitationProblem } from './invitation.js';
import type { InvitationStore } from './invitation-store.js';
import type { LinkRegistry } from './link-registry.js';
import type { LinkTokenStore } from './link-token-store.js';

export interface UnlinkOutcome {
  /** false when there was no link holding tokens (already unlinked or never linked). */
  unlinked: boolean;
  /**
   * revoked: Google confirmed. failed: Google could not be reached or refused; the member should remove
   * access at https://myaccount.google.com/permissions. not-needed: there were no tokens.
   */
  revocation: 'revoked' | 'failed' | 'not-needed';
  /** Invitations that were still open and can no longer be used to link anyone. */
  invitationsCancelled: number;
}

/**
 * Stops a member's Google Health link (`pulse-relay link unlink --member ID`).
 * 1. Revoke the refresh token at Google (best effort, reported).
 * 2. Atomically set the link unlinked, delete its tokens and the account mapping. Workers skip non-linked
 *    members, so syncing stops; a refresh racing this loses its tokenVersion condition.
 * 3. Cancel every invitation still open, so an old link sent to the member cannot re-link them.
 * Readings already stored are kept (UK GDPR Art 17(3)(h)); erasing them is a separate decision.
 */
export const unlink = async (
  memberId: string,
  deps: {
    tokens: LinkTokenStore;
    registry: LinkRegistry;
    vault: TokenVault;
    oauth: GoogleOAuth;
    invitations: InvitationStore;
    clock: Clock;
  },
): Promise<UnlinkOutcome> => {
  const stored = await deps.tokens.readTokens(memberId);
  let revocation: UnlinkOutcome['revocation'] = 'not-needed';
  if (stored !== undefined && stored.state !== 'unlinked') {
    try {
      const bundle = await deps.vault.open(memberId, stored.sealed);
      await deps.oauth.revoke(bundle.refreshToken);
      revocation = 'revoked';
    } catch {
      revocation = 'failed';
    }
  }
  const removed = await deps.registry.removeLink(memberId);
  const now = deps.clock.now();
  let invitationsCancelled = 0;
  for (const invitation of await deps.invitations.listInvitations(memberId)) {
    if (invitationProblem(invitation, now) !== undefined) continue;
    if (await deps.invitations.cancelInvitation(invitation.invitationId, now)) invitationsCancelled += 1;
  }
  return { unlinked: removed !== undefined, revocation, invitationsCancelled };
};
