import type { AuditRecord } from '../../shared/domain/audit-record.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';

const keyOf = (record: AuditRecord): string => `${record.at}#${record.action}#${record.subjectId ?? ''}`;

/**
 * The in-memory twin of DynamoDbAuditLog: one record per member, time, action and subject (writing the
 * same one again replaces it), listed oldest first. test/contracts/audit-log.contract.ts runs against both.
 */
export class InMemoryAuditLog implements AuditLog {
  private readonly byMember = new Map<string, Map<string, AuditRecord>>();
  /** Every record in the order it was written, for assertions. */
  readonly records: AuditRecord[] = [];

  /** True when a record with this key exists (the adapter's transactions refuse to overwrite one). */
  has(record: AuditRecord): boolean {
    return this.byMember.get(record.memberId)?.has(keyOf(record)) ?? false;
  }

  async record(record: AuditRecord): Promise<void> {
    const records = this.byMember.get(record.memberId) ?? new Map<string, AuditRecord>();
    records.set(keyOf(record), structuredClone(record));
    this.byMember.set(record.memberId, records);
    this.records.push(structuredClone(record));
  }

  async list(memberId: string): Promise<AuditRecord[]> {
    return [...(this.byMember.get(memberId) ?? new Map<string, AuditRecord>()).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, record]) => structuredClone(record));
  }
}
