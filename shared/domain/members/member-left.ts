import type { Member } from '../member.js';
import type { Metric } from '../metric.js';
import type { DeviceRegistry } from '../ports/device-registry.js';
import type { LinkStatusReader } from '../ports/link-status-reader.js';
import type { ReadingStore } from '../ports/reading-store.js';

/** Nothing new (a monitor, a Google link) is set up for a member who has left. */
export class MemberLeftError extends Error {
  constructor(
    readonly memberId: string,
    readonly erasureRequestedAt: string,
  ) {
    super(
      `Member ${memberId} has left (erasure requested ${erasureRequestedAt}); nothing new can be set up for them`,
    );
    this.name = 'MemberLeftError';
  }
}

export interface MemberLeftPorts {
  readings: Pick<ReadingStore, 'listRange'>;
  devices: Pick<DeviceRegistry, 'getDevice'>;
  links: LinkStatusReader;
}

/** What `member erase` deletes along with the profile: the monitor or the Google link the reading came through. */
const sourceStillThere = async (
  reading: { memberId: string; metric: Metric; provenance: { source: string; deviceId?: string } },
  ports: MemberLeftPorts,
): Promise<boolean> => {
  if (reading.provenance.source === 'google-health') {
    return (await ports.links.status(reading.memberId)) !== undefined;
  }
  const deviceId = reading.provenance.deviceId;
  if (deviceId !== undefined) {
    return (await ports.devices.getDevice(deviceId))?.memberId === reading.memberId;
  }
  // Nothing to tell by: the member's other readings of this metric.
  return (
    (await ports.readings.listRange({ memberId: reading.memberId, metric: reading.metric, limit: 1 }))
      .length > 0
  );
};

/**
 * Whether a reading belongs to a member who has left, so that work still in flight for them (a stream
 * record evaluated late, a redelivered batch, a sync job that wrote after the erasure, `alerts
 * reevaluate`) raises, resolves and sends nothing and recreates no alert after `member erase`:
 * - the profile is marked as leaving (erasure started, or the clinical record is kept after leaving); or
 * - the profile is gone and so is the monitor or Google link the reading came through: erased.
 * A missing profile alone is not enough: while the reading's source is still registered, a severe
 * reading must still alert on the defaults (hazard H1 in docs/clinical-safety.md).
 */
export const memberHasLeft = async (
  member: Member | undefined,
  reading: { memberId: string; metric: Metric; provenance: { source: string; deviceId?: string } },
  ports: MemberLeftPorts,
): Promise<boolean> => {
  if (member !== undefined) return member.erasureRequestedAt !== undefined;
  return !(await sourceStillThere(reading, ports));
};
