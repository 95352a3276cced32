import type { LinkStore } from '../ports/link-store.js';
import type { LinkState } from '../wearable-link.js';

export interface LinkStatus {
  state: LinkState | 'never-linked';
  healthUserId?: string;
  linkedAt?: string;
  lastSyncAt?: string;
  lastDataAt?: string;
  /** Data types Google serves for this member, and those refused at consent (403). */
  grantedTypes?: string[];
  refusedTypes?: string[];
}

/** What staff see for `pulse-relay link status --member ID`. No tokens, no health values. */
export const linkStatus = async (memberId: string, deps: { links: LinkStore }): Promise<LinkStatus> => {
  const link = await deps.links.get(memberId);
  if (link === undefined) return { state: 'never-linked' };
  return {
    state: link.state,
    healthUserId: link.healthUserId,
    linkedAt: link.linkedAt,
    ...(link.lastSyncAt === undefined ? {} : { lastSyncAt: link.lastSyncAt }),
    ...(link.lastDataAt === undefined ? {} : { lastDataAt: link.lastDataAt }),
    ...(link.grantedTypes === undefined ? {} : { grantedTypes: link.grantedTypes }),
    ...(link.refusedTypes === undefined ? {} : { refusedTypes: link.refusedTypes }),
  };
};
