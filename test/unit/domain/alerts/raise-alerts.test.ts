import { describe, expect, it } from 'vitest';
import { evaluateBpSevere } from '../../../../shared/domain/alerts/bp-severe.js';
import { raiseAlerts } from '../../../../shared/domain/alerts/raise-alerts.js';
import { DEFAULT_THRESHOLDS } from '../../../../shared/domain/thresholds.js';
import { alertPorts } from './in-memory-alert-ports.js';
import { bp, NOW, SUBJECT } from './reading-builders.js';

const severe = (measuredAt = '2026-11-20T07:31:00.000Z') => {
  const alert = evaluateBpSevere(bp(184, 102, measuredAt), SUBJECT, DEFAULT_THRESHOLDS, NOW);
  if (alert === undefined) throw new Error('expected an alert');
  return alert;
};

describe('raiseAlerts', () => {
  it('stores, publishes once and marks a new alert published', async () => {
    const ports = alertPorts();
    const outcomes = await raiseAlerts(ports, [severe()]);
    expect(outcomes).toEqual([{ alertKey: 'm-1#bp-severe#2026-11-20', outcome: 'raised' }]);
    expect(ports.publisher.sent.map((a) => a.alertKey)).toEqual(['m-1#bp-severe#2026-11-20']);
    expect(ports.alerts.items.get('m-1#bp-severe#2026-11-20')?.publishedAt).toBe('2026-11-20T09:00:05.000Z');
  });

  it('does not publish again when the same record is redelivered', async () => {
    const ports = alertPorts();
    await raiseAlerts(ports, [severe()]);
    const outcomes = await raiseAlerts(ports, [severe()]);
    await raiseAlerts(ports, [severe()]);
    expect(outcomes).toEqual([{ alertKey: 'm-1#bp-severe#2026-11-20', outcome: 'already-sent' }]);
    expect(ports.publisher.sent).toHaveLength(1);
  });

  it('does not publish a later severe reading on the same local day', async () => {
    const ports = alertPorts();
    await raiseAlerts(ports, [severe('2026-11-20T07:31:00.000Z')]);
    await raiseAlerts(ports, [severe('2026-11-20T19:10:00.000Z')]);
    expect(ports.publisher.sent).toHaveLength(1);
    expect(ports.publisher.sent[0]?.readings[0]?.measuredAt).toBe('2026-11-20T07:31:00.000Z');
  });

  it('republishes the stored alert when an earlier attempt crashed before sending', async () => {
    const ports = alertPorts();
    ports.publisher.failNext = true;
    await expect(raiseAlerts(ports, [severe()])).rejects.toThrow('queue unavailable');
    expect(ports.alerts.items.get('m-1#bp-severe#2026-11-20')?.publishedAt).toBeUndefined();

    // The retry carries a later reading; the first stored alert is what goes out.
    const outcomes = await raiseAlerts(ports, [severe('2026-11-20T08:00:00.000Z')]);
    expect(outcomes).toEqual([{ alertKey: 'm-1#bp-severe#2026-11-20', outcome: 'resent' }]);
    expect(ports.publisher.sent).toHaveLength(1);
    expect(ports.publisher.sent[0]?.readings[0]?.measuredAt).toBe('2026-11-20T07:31:00.000Z');
    expect(ports.alerts.items.get('m-1#bp-severe#2026-11-20')?.publishedAt).toBeDefined();
  });

  it('leaves an alert that was resolved before it was ever sent', async () => {
    const ports = alertPorts();
    const alert = severe();
    await ports.alerts.putIfAbsent(alert);
    await ports.alerts.resolve(alert.memberId, alert.alertKey, '2026-11-20T09:00:00.000Z');
    expect(await raiseAlerts(ports, [alert])).toEqual([
      { alertKey: alert.alertKey, outcome: 'already-resolved' },
    ]);
    expect(ports.publisher.sent).toHaveLength(0);
  });
});
