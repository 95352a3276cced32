import type { Invitation } from './invitation.js';

export interface InvitationStore {
  putInvitation(invitation: Invitation): Promise<void>;
  getInvitation(invitationId: string): Promise<Invitation | undefined>;
  /** Records a new authorisation attempt; false when the invitation is used or expired by then. */
  startAuthorization(
    invitationId: string,
    pending: NonNullable<Invitation['pendingAuthorization']>,
    now: Date,
  ): Promise<boolean>;
  /** Forgets the attempt with this nonce (after a decline), so its state cannot be replayed. */
  clearAuthorization(invitationId: string, stateNonce: string): Promise<void>;
}
