/**
 * What `member erase` does with the clinical record (docs/data-protection.md):
 * - erase: everything goes except the audit record;
 * - keep-clinical-record: readings, alerts, thresholds and the profile are kept for the organisation's
 *   records-policy period (UK GDPR Art. 17(3)(c) and (h): health care under professional secrecy and
 *   public-health record keeping), while credentials, tokens, invitations and the link stop at once.
 *   Running the erasure again after that period erases the rest.
 */
export type RetentionRule = { kind: 'erase' } | { kind: 'keep-clinical-record'; years: number };
