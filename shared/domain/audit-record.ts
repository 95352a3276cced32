/**
 * Who did what, when: credential changes, cancelled invitations, erasures, and every time staff saw or acted
 * on a member's special-category health data. Holds ids and staff names only, never health values or tokens,
 * so it may outlive the member's data (docs/data-protection.md).
 */
export const AUDIT_ACTIONS = [
  'device-registered',
  'device-revoked',
  'device-rotated',
  'invitation-cancelled',
  'member-erased',
  'member-page-viewed',
  'member-page-printed',
  'link-invitation-created',
  'alert-acknowledged',
  'alert-snoozed',
  'observations-exported',
  'member-access-refused',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  memberId: string;
  action: AuditAction;
  /** UTC ISO. */
  at: string;
  /** The person or process that acted: the CLI's --by, or the signed-in staff user's email. */
  by: string;
  /** The device, invitation or alert the action was about. */
  subjectId?: string;
  /** The API request id, so a staff action can be matched with the access logs. */
  requestId?: string;
  /** Non-health facts about the action: counts, expiry and grace times, what was shown (never the values). */
  details?: Record<string, string | number>;
}
