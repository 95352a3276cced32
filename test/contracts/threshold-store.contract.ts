import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ThresholdAuditStore, ThresholdChange } from '../../shared/domain/ports/threshold-store.js';

const change = (setAt: string, systolic: number, fields: Partial<ThresholdChange> = {}): ThresholdChange => ({
  overrides: { bloodPressure: { severeSystolic: systolic } },
  setBy: 'dr-jones',
  reason: 'Agreed at review',
  reviewBy: '2027-05-20',
  setAt,
  disabledRules: [],
  ...fields,
});

/**
 * The threshold store's contract, run against the in-memory fake (test/unit/fakes/port-contracts.test.ts)
 * and DynamoDbThresholdStore on DynamoDB Local (test/integration/contracts/dynamodb-port-contracts.test.ts).
 */
export const thresholdStoreContract = (name: string, create: () => ThresholdAuditStore) => {
  describe(`ThresholdAuditStore contract: ${name}`, () => {
    it('has nothing for a member who never had overrides', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      expect(await store.getOverrides(memberId)).toBeUndefined();
      expect(await store.getCurrent(memberId)).toBeUndefined();
      expect(await store.listHistory(memberId)).toEqual([]);
    });

    it('keeps the latest change in force and every change in the history, newest first', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const first = change('2026-11-01T09:00:00.000Z', 170);
      const second = change('2026-11-10T09:00:00.000Z', 175, {
        disabledRules: ['bp-low'],
        setBy: 'dr-patel',
      });
      await store.setOverrides(memberId, first);
      await store.setOverrides(memberId, second);
      expect(await store.getOverrides(memberId)).toEqual(second.overrides);
      expect(await store.getCurrent(memberId)).toEqual(second);
      expect(await store.listHistory(memberId)).toEqual([second, first]);
      expect(await store.listHistory(`m-${randomUUID()}`)).toEqual([]);
    });

    it('refuses a second change at the same instant, leaving the first in force', async () => {
      const store = create();
      const memberId = `m-${randomUUID()}`;
      const first = change('2026-11-01T09:00:00.000Z', 170);
      await store.setOverrides(memberId, first);
      await expect(store.setOverrides(memberId, change('2026-11-01T09:00:00.000Z', 160))).rejects.toThrow();
      expect(await store.getCurrent(memberId)).toEqual(first);
      expect(await store.listHistory(memberId)).toEqual([first]);
    });
  });
};
