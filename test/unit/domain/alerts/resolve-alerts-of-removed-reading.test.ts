import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/domain/alert.js';
import { resolveAlertsOfRemovedReading } from '../../../../shared/domain/alerts/resolve-alerts-of-removed-reading.js';
import type { AlertStore } from '../../../../shared/domain/ports/alert-store.js';

const alert = (alertKey: string, rule: Alert['rule'], measuredAts: string[]): Alert => ({
  schemaVersion: '1.0',
  alertKey,
  memberId: 'm-1',
  rule,
  severity: 'watch',
  episode: alertKey,
  raisedAt: '2026-11-20T09:00:00.000Z',
  status: 'open',
  publishedAt: '2026-11-20T09:00:01.000Z',
  readings: measuredAts.map((measuredAt) => ({
    metric: 'resting-heart-rate',
    measuredAt,
    values: { beatsPerMinute: 110 },
    source: 'google-health',
  })),
  thresholds: {},
  explanation: '',
  guidance: { name: '', reference: '' },
  qualityFlags: [],
});

const portsWith = (open: Alert[]) => {
  const published: Alert[] = [];
  const resolved: string[] = [];
  const alerts = {
    listOpen: async (_memberId: string, rule: string) => open.filter((item) => item.rule === rule),
    resolve: async (_memberId: string, alertKey: string) => void resolved.push(alertKey),
  } as unknown as AlertStore;
  return {
    ports: {
      alerts,
      publisher: { publish: async (item: Alert) => void published.push(item) },
      clock: { now: () => new Date('2026-11-21T10:00:00Z') },
    },
    published,
    resolved,
  };
};

describe('resolveAlertsOfRemovedReading', () => {
  it('resolves an open alert that rested on the deleted reading alone, and tells staff', async () => {
    const { ports, published, resolved } = portsWith([
      alert('alone', 'resting-hr-out-of-band', ['2026-11-20T00:00:00.000Z']),
      alert('other-day', 'resting-hr-out-of-band', ['2026-11-19T00:00:00.000Z']),
      alert('shared', 'resting-hr-out-of-band', ['2026-11-20T00:00:00.000Z', '2026-11-19T00:00:00.000Z']),
    ]);

    const keys = await resolveAlertsOfRemovedReading(ports, {
      memberId: 'm-1',
      metric: 'resting-heart-rate',
      measuredAt: '2026-11-20T00:00:00Z',
    });

    expect(keys).toEqual(['alone']);
    expect(resolved).toEqual(['alone']);
    expect(published).toEqual([expect.objectContaining({ alertKey: 'alone', status: 'resolved' })]);
  });

  it('touches nothing for a metric no rule rests on', async () => {
    const { ports, resolved } = portsWith([
      alert('alone', 'resting-hr-out-of-band', ['2026-11-20T00:00:00.000Z']),
    ]);
    expect(
      await resolveAlertsOfRemovedReading(ports, {
        memberId: 'm-1',
        metric: 'weight',
        measuredAt: '2026-11-20T00:00:00Z',
      }),
    ).toEqual([]);
    expect(resolved).toEqual([]);
  });
});
