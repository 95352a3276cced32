import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { runCatchUp } from '../../../../functions/catch-up/catch-up.js';
import type { Alert } from '../../../../shared/domain/alert.js';
import type { SyncJob } from '../../../../shared/domain/sync-job.js';
import { InMemoryAlertStore } from '../../../fakes/alert-store.js';
import { InMemoryLinkStore, linkFor } from '../../../fakes/link-store.js';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const now = new Date('2026-11-23T10:00:00Z');

const setUp = () => {
  const links = new InMemoryLinkStore();
  const sent: SyncJob[] = [];
  const published: Alert[] = [];
  const alertStore = new InMemoryAlertStore();
  const deps = {
    links,
    queue: { send: async (jobs: readonly SyncJob[]) => void sent.push(...jobs) },
    clock: { now: () => now },
    members: {
      getMember: async (memberId: string) => ({
        memberId,
        name: 'Test Member',
        timezone: 'Europe/London',
        createdAt: '2026-01-01T00:00:00Z',
      }),
    } as never,
    thresholds: { getOverrides: async () => undefined, setOverrides: async () => {} },
    alerts: {
      alerts: alertStore,
      publisher: { publish: async (alert: Alert) => void published.push(alert) },
      clock: { now: () => now },
    },
    logger,
  };
  return { links, sent, published, alertStore, deps };
};

describe('runCatchUp', () => {
  it('queues catch-up syncs only for linked members not heard from for six hours', async () => {
    const { links, sent, deps } = setUp();
    links.seed(
      linkFor('fresh', { lastNotificationAt: '2026-11-23T09:00:00Z', lastDataAt: '2026-11-23T09:00:00Z' }),
    );
    links.seed(linkFor('quiet', { lastSyncAt: '2026-11-23T02:00:00Z', lastDataAt: '2026-11-23T01:00:00Z' }));
    links.seed(linkFor('relink', { state: 'needs-relink' }));

    // The member whose link needs re-linking is not synced but stays in the no-data check.
    expect(await runCatchUp(deps)).toEqual({ queued: 1, checked: 3 });
    expect(sent).toEqual([{ memberId: 'quiet', reason: 'catch-up' }]);
  });

  it('raises one wearable-no-data alert for a silent member however often it runs, and clears it when data returns', async () => {
    const { links, published, alertStore, deps } = setUp();
    links.seed(linkFor('silent', { lastSyncAt: '2026-11-23T09:30:00Z', lastDataAt: '2026-11-19T08:00:00Z' }));

    await runCatchUp(deps);
    await runCatchUp(deps);
    expect(published.map((alert) => [alert.memberId, alert.rule])).toEqual([['silent', 'wearable-no-data']]);

    await links.recordSync('silent', {
      cursors: {},
      lastSyncAt: now.toISOString(),
      lastDataAt: '2026-11-23T09:45:00Z',
    });
    await runCatchUp(deps);
    expect([...alertStore.items.values()].map((alert) => alert.status)).toEqual(['resolved']);
  });
});
