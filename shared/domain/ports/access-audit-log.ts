/** What a staff user did with a member's special-category health data. */
export type AuditedAction =
  | 'view-member-page'
  | 'print-member-page'
  | 'create-link-invitation'
  | 'acknowledge-alert'
  | 'snooze-alert'
  | 'refused-member-access';

export interface AccessAuditEntry {
  /** UTC ISO instant. */
  at: string;
  staffEmail: string;
  action: AuditedAction;
  memberId: string;
  /** The API request id, so the entry can be matched with access logs. */
  requestId: string;
  /** What exactly was shown or done, e.g. "blood pressure 90 days"; never health values. */
  detail?: string;
}

/** Append-only record of who saw or changed what, when. Kept apart from application logs. */
export interface AccessAuditLog {
  record(entry: AccessAuditEntry): Promise<void>;
  listForMember(memberId: string, limit?: number): Promise<AccessAuditEntry[]>;
}
