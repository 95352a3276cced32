import { sourceKeyOf } from '../../../../shared/adapters/dynamodb-reading-store.js';
import { reuploadKeyOf } from '../../../../shared/domain/blood-pressure/reupload-key.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { MemberDirectory } from '../../../../shared/domain/ports/member-directory.js';
import type { PutReadingOutcome, ReadingStore } from '../../../../shared/domain/ports/reading-store.js';
import type { Reading } from '../../../../shared/domain/reading.js';

/**
 * Put-if-absent on the same natural key as the DynamoDB store: measuredAt plus source record id, else device;
 * a clock-suspect reading also on its re-upload guard (device time and values).
 */
export class InMemoryReadingStore implements ReadingStore {
  readonly items = new Map<string, Reading>();
  private readonly guards = new Set<string>();

  async put(reading: Reading): Promise<PutReadingOutcome> {
    const key = `${reading.memberId}#${reading.metric}#${reading.measuredAt}#${sourceKeyOf(reading)}`;
    const reupload = reading.metric === 'blood-pressure' ? reuploadKeyOf(reading) : undefined;
    const guard =
      reupload === undefined ? undefined : `${reading.memberId}#${reading.provenance.deviceId}#${reupload}`;
    if (this.items.has(key) || (guard !== undefined && this.guards.has(guard))) return 'duplicate';
    if (guard !== undefined) this.guards.add(guard);
    this.items.set(key, reading);
    return 'stored';
  }

  async listRange(): Promise<Reading[]> {
    return [...this.items.values()];
  }

  async delete(reading: Reading): Promise<boolean> {
    const sourceKey =
      reading.provenance.sourceRecordId ?? reading.provenance.deviceId ?? reading.provenance.source;
    return this.items.delete(`${reading.memberId}#${reading.metric}#${reading.measuredAt}#${sourceKey}`);
  }
}

export const memberDirectoryWith = (...members: Member[]): Pick<MemberDirectory, 'getMember'> => ({
  getMember: async (memberId) => members.find((member) => member.memberId === memberId),
});
