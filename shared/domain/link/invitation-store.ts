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
  /** The member's invitations, open or not (those written before the member index existed are missed). */
  listInvitations(memberId: string): Promise<Invitation[]>;
  /** Cancels an invitation that is neither used nor cancelled; false otherwise (or when unknown). */
  cancelInvitation(invitationId: string, at: Date): Promise<boolean>;
  /** Deletes an invitation outright (erasure). */
  deleteInvitation(invitationId: string): Promise<void>;
}
