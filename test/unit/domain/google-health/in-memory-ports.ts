import type { LinkStore } from '../../../../shared/domain/ports/link-store.js';
import type { PutReadingOutcome, ReadingStore } from '../../../../shared/domain/ports/reading-store.js';
import type { Reading } from '../../../../shared/domain/reading.js';
import { DENSE_METRICS } from '../../../../shared/domain/reading.js';
import type { WearableLink } from '../../../../shared/domain/wearable-link.js';

/** The ReadingStore contract in memory: sparse put-if-absent, dense/daily replaced whole by local date. */
export class InMemoryReadingStore implements ReadingStore {
  readonly items = new Map<string, Reading>();

  private keyOf(reading: Reading): string {
    const daily =
      DENSE_METRICS.has(reading.metric) ||
      ['resting-heart-rate', 'daily-oxygen-saturation'].includes(reading.metric);
    if (daily && 'localDate' in reading)
      return `${reading.memberId}|${reading.metric}|DAY#${reading.localDate}`;
    const source =
      reading.provenance.sourceRecordId ?? reading.provenance.deviceId ?? reading.provenance.source;
    return `${reading.memberId}|${reading.metric}|${reading.measuredAt}#${source}`;
  }

  async put(reading: Reading): Promise<PutReadingOutcome> {
    const key = this.keyOf(reading);
    const existing = this.items.get(key);
    if (existing !== undefined && JSON.stringify(existing) === JSON.stringify(reading)) return 'duplicate';
    const daily = key.includes('|DAY#');
    if (existing !== undefined && !daily) return 'duplicate';
    this.items.set(key, reading);
    return existing === undefined ? 'stored' : 'replaced';
  }

  async listRange(): Promise<Reading[]> {
    return [...this.items.values()];
  }
}

export class InMemoryLinkStore implements LinkStore {
  readonly links = new Map<string, WearableLink>();

  async get(memberId: string) {
    return this.links.get(memberId);
  }
  async findMemberByHealthUserId(healthUserId: string) {
    return [...this.links.values()].find((link) => link.healthUserId === healthUserId)?.memberId;
  }
  async listLinked() {
    return [...this.links.values()].filter((link) => link.state !== 'unlinked');
  }
  async recordSync(
    memberId: string,
    update: { cursors: Record<string, string>; lastSyncAt: string; lastDataAt?: string },
  ): Promise<void> {
    const link = this.links.get(memberId);
    if (link === undefined) return;
    const cursors = { ...link.cursors };
    for (const [type, at] of Object.entries(update.cursors)) {
      const previous = cursors[type];
      if (previous === undefined || previous < at) cursors[type] = at;
    }
    this.links.set(memberId, {
      ...link,
      cursors,
      lastSyncAt: update.lastSyncAt,
      ...(update.lastDataAt === undefined ? {} : { lastDataAt: update.lastDataAt }),
    });
  }
  async recordNotification(memberId: string, at: string): Promise<void> {
    const link = this.links.get(memberId);
    if (link !== undefined) this.links.set(memberId, { ...link, lastNotificationAt: at });
  }
  async setState(memberId: string, state: WearableLink['state']): Promise<void> {
    const link = this.links.get(memberId);
    if (link !== undefined) this.links.set(memberId, { ...link, state });
  }
}

export const linkFor = (memberId: string, overrides: Partial<WearableLink> = {}): WearableLink => ({
  memberId,
  provider: 'google-health',
  state: 'linked',
  healthUserId: `hu-${memberId}`,
  timezone: 'Europe/London',
  linkedAt: '2026-11-01T00:00:00.000Z',
  cursors: {},
  ...overrides,
});
