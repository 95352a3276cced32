import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit-record.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';

/**
 * The AuditLog contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts) and
 * DynamoDbAuditLog on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const auditLogContract = (name: string, create: () => AuditLog) => {
  describe(`AuditLog contract: ${name}`, () => {
    it('lists one member’s records oldest first; the same record written twice is kept once', async () => {
      const log = create();
      const memberId = `m-${randomUUID()}`;
      const cancelled: AuditRecord = {
        memberId,
        action: 'invitation-cancelled',
        at: '2026-11-20T10:00:00.000Z',
        by: 'alex',
        subjectId: 'inv-1',
      };
      const registered: AuditRecord = {
        memberId,
        action: 'device-registered',
        at: '2026-11-19T10:00:00.000Z',
        by: 'sam',
        subjectId: 'd-1',
        details: { expiresAt: '2027-11-19T10:00:00.000Z' },
      };
      await log.record(cancelled);
      await log.record(registered);
      await log.record(cancelled);
      await log.record({ ...cancelled, memberId: `m-${randomUUID()}` });
      expect(await log.list(memberId)).toEqual([registered, cancelled]);
      expect(await log.list(`m-${randomUUID()}`)).toEqual([]);
    });
  });
};
