/**
 * Who changed what, when: credential changes, cancelled invitations and erasures. Holds ids and staff names
 * only, never health values or tokens, so it may outlive the member's data (docs/data-protection.md).
 */
export type AuditAction =
  | 'device-registered'
  | 'device-revoked'
  | 'device-rotated'
  | 'invitation-cancelled'
  | 'member-erased';

export interface AuditRecord {
  memberId: string;
  action: AuditAction;
  /** UTC ISO. */
  at: string;
  /** The person or process that made the change (the CLI's --by). */
  by: string;
  /** The device or invitation the change was about. */
  subjectId?: string;
  /** Non-health facts about the change: counts, expiry and grace times. */
  details?: Record<string, string | number>;
}
