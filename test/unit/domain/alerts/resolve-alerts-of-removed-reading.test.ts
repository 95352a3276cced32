import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/domain/alert.js';
import { openSlotOf } from '../../../../shared/domain/alerts/alert-condition.js';
import { newAlert } from '../../../../shared/domain/alerts/new-alert.js';
import { resolveAlertsOfRemovedReading } from '../../../../shared/domain/alerts/resolve-alerts-of-removed-reading.js';
import { alertPorts } from './in-memory-alert-ports.js';

const SENT_AT = '2026-11-20T09:00:01.000Z';

/** An open resting-HR alert the care team was told about, resting on readings taken at these times. */
const sentAlert = (memberId: string, measuredAts: string[]): Alert => {
  const alert = newAlert({
    subject: { memberId, timezone: 'Europe/London' },
    rule: 'resting-hr-out-of-band',
    severity: 'watch',
    episode: measuredAts[0] ?? 'none',
    raisedAt: new Date('2026-11-20T09:00:00.000Z'),
    readings: measuredAts.map((measuredAt) => ({
      metric: 'resting-heart-rate',
      measuredAt,
      values: { beatsPerMinute: 110 },
      source: 'google-health',
    })),
    thresholds: {},
    explanation: 'Resting heart rate was high.',
    guidance: { name: 'NEWS2', reference: 'https://www.rcp.ac.uk/' },
  });
  return {
    ...alert,
    publishedAt: SENT_AT,
    notifications: alert.notifications.map((n) => ({ ...n, publishedAt: SENT_AT })),
  };
};

const portsWith = async (open: Alert[]) => {
  const ports = alertPorts('2026-11-21T10:00:00.000Z');
  for (const alert of open) await ports.alerts.create(alert, openSlotOf(alert));
  return ports;
};

describe('resolveAlertsOfRemovedReading', () => {
  it('resolves an open alert that rested on the deleted reading alone, and tells staff', async () => {
    const alone = sentAlert('m-1', ['2026-11-20T00:00:00.000Z']);
    const shared = sentAlert('m-2', ['2026-11-20T00:00:00.000Z', '2026-11-19T00:00:00.000Z']);
    const otherDay = sentAlert('m-3', ['2026-11-19T00:00:00.000Z']);
    const ports = await portsWith([alone, shared, otherDay]);

    const removedAt = { metric: 'resting-heart-rate' as const, measuredAt: '2026-11-20T00:00:00Z' };
    const keys = [
      ...(await resolveAlertsOfRemovedReading(ports, { memberId: 'm-1', ...removedAt })),
      ...(await resolveAlertsOfRemovedReading(ports, { memberId: 'm-2', ...removedAt })),
      ...(await resolveAlertsOfRemovedReading(ports, { memberId: 'm-3', ...removedAt })),
    ];

    expect(keys).toEqual([alone.alertKey]);
    expect((await ports.alerts.get('m-1', alone.alertKey))?.status).toBe('resolved');
    expect((await ports.alerts.get('m-2', shared.alertKey))?.status).toBe('open');
    expect((await ports.alerts.get('m-3', otherDay.alertKey))?.status).toBe('open');
    expect(ports.publisher.sent.map((m) => [m.alert.alertKey, m.notification.kind])).toEqual([
      [alone.alertKey, 'resolved'],
    ]);
    expect(ports.publisher.sent[0]?.alert.explanation).toContain('deleted');
  });

  it('touches nothing for a metric no rule rests on', async () => {
    const alone = sentAlert('m-1', ['2026-11-20T00:00:00.000Z']);
    const ports = await portsWith([alone]);
    expect(
      await resolveAlertsOfRemovedReading(ports, {
        memberId: 'm-1',
        metric: 'weight',
        measuredAt: '2026-11-20T00:00:00Z',
      }),
    ).toEqual([]);
    expect((await ports.alerts.get('m-1', alone.alertKey))?.status).toBe('open');
    expect(ports.publisher.sent).toEqual([]);
  });
});
