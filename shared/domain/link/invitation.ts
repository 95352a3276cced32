import { randomBytes } from 'node:crypto';

/** A single-use, expiring invitation for one member to link their Google Health account. */
export interface Invitation {
  invitationId: string;
  memberId: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  /** Set by `link cancel`, by unlinking and by erasure: a cancelled invitation can never be used. */
  cancelledAt?: string;
  /** The authorisation attempt in progress: the state nonce and PKCE verifier, replaced by each new start. */
  pendingAuthorization?: { stateNonce: string; codeVerifier: string; startedAt: string };
}

export const DEFAULT_INVITATION_TTL_HOURS = 72;

/** 128 random bits, base64url: unguessable, and short enough for a text message. */
export const newInvitationId = (): string => randomBytes(16).toString('base64url');

export type InvitationProblem = 'not-found' | 'used' | 'cancelled' | 'expired';

/** Checked explicitly: DynamoDB TTL deletes expired items up to 48 hours late. */
export const invitationProblem = (
  invitation: Invitation | undefined,
  now: Date,
): InvitationProblem | undefined => {
  if (invitation === undefined) return 'not-found';
  if (invitation.usedAt !== undefined) return 'used';
  if (invitation.cancelledAt !== undefined) return 'cancelled';
  if (Date.parse(invitation.expiresAt) <= now.getTime()) return 'expired';
  return undefined;
};

export const invitationUrl = (publicBaseUrl: string, invitationId: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/v1/link/${invitationId}`;
