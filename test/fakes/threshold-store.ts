import type { ThresholdAuditStore, ThresholdChange } from '../../shared/domain/ports/threshold-store.js';
import type { ThresholdOverrides } from '../../shared/domain/thresholds.js';

/**
 * The in-memory twin of DynamoDbThresholdStore: the change in force plus an append-only history (a second
 * change at the same instant is refused, as the adapter's transaction refuses it).
 * test/contracts/threshold-store.contract.ts runs against both.
 */
export class InMemoryThresholdStore implements ThresholdAuditStore {
  private readonly current = new Map<string, ThresholdChange>();
  private readonly history = new Map<string, ThresholdChange[]>();

  async getOverrides(memberId: string): Promise<ThresholdOverrides | undefined> {
    const change = this.current.get(memberId);
    return change === undefined ? undefined : structuredClone(change.overrides);
  }

  async getCurrent(memberId: string): Promise<ThresholdChange | undefined> {
    const change = this.current.get(memberId);
    return change === undefined ? undefined : structuredClone(change);
  }

  async setOverrides(memberId: string, change: ThresholdChange): Promise<void> {
    const history = this.history.get(memberId) ?? [];
    if (history.some((earlier) => earlier.setAt === change.setAt)) {
      throw new Error(`A threshold change for ${memberId} at ${change.setAt} already exists`);
    }
    this.current.set(memberId, structuredClone(change));
    this.history.set(memberId, [...history, structuredClone(change)]);
  }

  /** Newest first. */
  async listHistory(memberId: string): Promise<ThresholdChange[]> {
    return [...(this.history.get(memberId) ?? [])]
      .sort((a, b) => (a.setAt < b.setAt ? 1 : a.setAt > b.setAt ? -1 : 0))
      .map((change) => structuredClone(change));
  }
}
