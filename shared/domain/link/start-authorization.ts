import type { Clock } from '../clock.js';
import { createBrowserBinding } from './browser-binding.js';
import type { GoogleOAuth } from './google-oauth.js';
import { type InvitationProblem, invitationProblem } from './invitation.js';
import type { InvitationStore } from './invitation-store.js';
import { formatState } from './oauth-state.js';
import { codeChallengeS256, createCodeVerifier } from './pkce.js';

export type InvitationCheck = { kind: 'usable' } | { kind: 'problem'; problem: InvitationProblem };
export type StartOutcome =
  /** browserSecret goes into the binding cookie; only the browser holding it can finish the attempt. */
  { kind: 'redirect'; url: string; browserSecret: string } | { kind: 'problem'; problem: InvitationProblem };

/** Whether the invitation page may offer the button. */
export const checkInvitation = async (
  invitationId: string,
  deps: { invitations: InvitationStore; clock: Clock },
): Promise<InvitationCheck> => {
  const problem = invitationProblem(await deps.invitations.getInvitation(invitationId), deps.clock.now());
  return problem === undefined ? { kind: 'usable' } : { kind: 'problem', problem };
};

/**
 * Starts the Google consent for an invitation.
 * 1. Refuse unknown, used or expired invitations.
 * 2. Create a PKCE verifier and a browser binding (secret for the cookie, its hash as the state nonce); store
 *    the verifier and the nonce on the invitation (replacing any earlier attempt).
 * 3. Return Google's authorisation URL with the S256 challenge and state `<invitationId>.<nonce>`, and the
 *    browser secret for the cookie.
 */
export const startAuthorization = async (
  invitationId: string,
  deps: { invitations: InvitationStore; oauth: GoogleOAuth; clock: Clock },
): Promise<StartOutcome> => {
  const now = deps.clock.now();
  const problem = invitationProblem(await deps.invitations.getInvitation(invitationId), now);
  if (problem !== undefined) return { kind: 'problem', problem };
  const { secret: browserSecret, stateNonce } = createBrowserBinding();
  const codeVerifier = createCodeVerifier();
  const started = await deps.invitations.startAuthorization(
    invitationId,
    { stateNonce, codeVerifier, startedAt: now.toISOString() },
    now,
  );
  if (!started) {
    // Used or expired between the read and the write: say which.
    const later = deps.clock.now();
    return {
      kind: 'problem',
      problem: invitationProblem(await deps.invitations.getInvitation(invitationId), later) ?? 'used',
    };
  }
  const url = deps.oauth.authorizationUrl({
    state: formatState(invitationId, stateNonce),
    codeChallenge: codeChallengeS256(codeVerifier),
  });
  return { kind: 'redirect', url, browserSecret };
};
