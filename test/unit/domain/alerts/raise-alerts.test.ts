import { describe, expect, it } from 'vitest';
import { buildRelinkAlert } from '../../../../shared/domain/alerts/link-needs-relink.js';
import { raiseAlert, raiseAlerts } from '../../../../shared/domain/alerts/raise-alerts.js';
import { evaluateNoData } from '../../../../shared/domain/alerts/wearable-no-data.js';
import { alertPorts } from './in-memory-alert-ports.js';
import { SUBJECT } from './reading-builders.js';

const silence = (lastDataAt = '2026-11-15T08:00:00.000Z') => {
  const decision = evaluateNoData({
    subject: SUBJECT,
    lastDataAt,
    wearableDays: 3,
    now: new Date('2026-11-20T09:00:00.000Z'),
  });
  if (decision.action !== 'raise') throw new Error('expected a raise');
  return decision.alert;
};
const KEY = 'm-1#wearable-no-data#2026-11-15T08:00:00.000Z';

describe('raiseAlert (one whole alert, e.g. wearable-no-data, reading-refused)', () => {
  it('stores, sends the raised notification once and records when it was sent', async () => {
    const ports = alertPorts();
    expect(await raiseAlert(ports, silence())).toEqual({ alertKey: KEY, outcome: 'raised' });
    expect(
      ports.publisher.sent.map((m) => [m.alert.alertKey, m.notification.kind, m.notification.dedupeId]),
    ).toEqual([[KEY, 'raised', `${KEY}#raised-0`]]);
    const stored = ports.alerts.items.get(KEY);
    expect(stored?.publishedAt).toBe('2026-11-20T09:00:05.000Z');
    expect(stored?.notifications[0]?.publishedAt).toBe('2026-11-20T09:00:05.000Z');
    expect(stored?.revision).toBe(2);
  });

  it('does not send again when called again with the same key', async () => {
    const ports = alertPorts();
    await raiseAlert(ports, silence());
    expect(await raiseAlerts(ports, [silence(), silence()])).toEqual([
      { alertKey: KEY, outcome: 'already-sent' },
      { alertKey: KEY, outcome: 'already-sent' },
    ]);
    expect(ports.publisher.sent).toHaveLength(1);
  });

  it('sends the stored alert when an earlier attempt crashed before sending', async () => {
    const ports = alertPorts();
    ports.publisher.failNext = true;
    await expect(raiseAlert(ports, silence())).rejects.toThrow('queue unavailable');
    expect(ports.alerts.items.get(KEY)?.publishedAt).toBeUndefined();
    expect(await raiseAlert(ports, silence())).toEqual({ alertKey: KEY, outcome: 'resent' });
    expect(ports.publisher.sent).toHaveLength(1);
  });

  it('keeps one open re-link task per member: a later detection joins the open one', async () => {
    const ports = alertPorts();
    const first = buildRelinkAlert({
      memberId: 'm-1',
      detectedAt: '2026-11-18T08:00:00.000Z',
      timezone: 'Europe/London',
    });
    const later = buildRelinkAlert({
      memberId: 'm-1',
      detectedAt: '2026-11-20T08:00:00.000Z',
      timezone: 'Europe/London',
    });
    await raiseAlert(ports, first);
    expect(await raiseAlert(ports, later)).toEqual({ alertKey: first.alertKey, outcome: 'already-open' });
    expect(ports.publisher.sent).toHaveLength(1);
  });
});
