import type { WearableLink } from '../wearable-link.js';

/** What staff see of a member's wearable link: its state and dates, never its tokens or cursors. */
export type LinkStatus = Pick<WearableLink, 'state' | 'linkedAt' | 'lastDataAt' | 'refusedTypes'>;

export interface LinkStatusReader {
  status(memberId: string): Promise<LinkStatus | undefined>;
}
