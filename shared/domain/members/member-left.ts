import type { Member } from '../member.js';
import type { Metric } from '../metric.js';
import type { ReadingStore } from '../ports/reading-store.js';

/**
 * Whether a reading belongs to a member who has left, so that work still in flight for them (a stream
 * record evaluated late, a redelivered batch, `alerts reevaluate`) raises, resolves and sends nothing and
 * recreates no alert after `member erase`:
 * - the profile is marked as leaving (erasure started, or the clinical record is kept after leaving); or
 * - the profile is gone and so is every reading of this metric: the member was erased.
 * A missing profile alone is not enough: while their readings are stored, a severe one must still alert
 * on the defaults (hazard H1 in docs/clinical-safety.md).
 */
export const memberHasLeft = async (
  member: Member | undefined,
  reading: { memberId: string; metric: Metric },
  readings: Pick<ReadingStore, 'listRange'>,
): Promise<boolean> => {
  if (member !== undefined) return member.erasureRequestedAt !== undefined;
  const left = await readings.listRange({ memberId: reading.memberId, metric: reading.metric, limit: 1 });
  return left.length === 0;
};
