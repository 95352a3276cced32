/** One export of a member's data: who, when, what. Special-category health data, so every export is kept. */
export interface ExportAuditRecord {
  memberId: string;
  staffId: string;
  at: string;
  /** e.g. `fhir-r4-observations`. */
  what: string;
  query: { from?: string; to?: string; codes: string[] };
  resourceCount: number;
}

export interface ExportAuditLog {
  record(entry: ExportAuditRecord): Promise<void>;
}
