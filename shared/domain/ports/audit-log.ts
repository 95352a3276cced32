import type { AuditRecord } from '../audit-record.js';

export interface AuditLog {
  record(record: AuditRecord): Promise<void>;
  list(memberId: string): Promise<AuditRecord[]>;
}
