import { describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../../../shared/domain/alerts/acknowledge-alert.js';
import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import { followUpAlerts } from '../../../../shared/domain/alerts/follow-up-alerts.js';
import { newAlert } from '../../../../shared/domain/alerts/new-alert.js';
import { raiseAlert } from '../../../../shared/domain/alerts/raise-alerts.js';
import { snoozeAlert } from '../../../../shared/domain/alerts/snooze-alert.js';
import { bp, restingHr } from './reading-builders.js';
import { storedReadingPorts } from './stored-reading-ports.js';

const KEY = 'm-1#bp-severe#2026-11-20T07:31:00.000Z';
const kinds = (ports: ReturnType<typeof storedReadingPorts>) => ports.publisher.kinds();

const withUrgentAlert = async () => {
  const ports = storedReadingPorts({ now: '2026-11-20T08:00:00.000Z' });
  await evaluateStoredReading(ports, bp(190, 100));
  return ports;
};

describe('reminders (follow-up schedule)', () => {
  it('re-sends an unacknowledged urgent alert every 4 hours, not before', async () => {
    const ports = await withUrgentAlert();
    ports.clock.set('2026-11-20T11:59:00.000Z');
    expect((await followUpAlerts(ports, DEFAULT_ALERT_POLICY)).reminders).toBe(0);
    ports.clock.set('2026-11-20T12:00:00.000Z');
    expect((await followUpAlerts(ports, DEFAULT_ALERT_POLICY)).reminders).toBe(1);
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY); // the same minute again: nothing new
    ports.clock.set('2026-11-20T16:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised', 'reminder', 'reminder']);
    expect(ports.publisher.sent.map((m) => m.notification.dedupeId)).toEqual([
      `${KEY}#raised-0`,
      `${KEY}#reminder-1`,
      `${KEY}#reminder-2`,
    ]);
  });

  it('stops once acknowledged, and starts again after an escalation', async () => {
    const ports = await withUrgentAlert();
    await acknowledgeAlert(ports, { alertKey: KEY, by: 'Alex' });
    ports.clock.set('2026-11-21T08:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised']);
    await evaluateStoredReading(ports, bp(225, 100, '2026-11-21T07:50:00.000Z'));
    ports.clock.set('2026-11-21T12:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised', 'escalated', 'reminder']);
  });

  it('waits for a snooze to end', async () => {
    const ports = await withUrgentAlert();
    await snoozeAlert(ports, {
      alertKey: KEY,
      until: '2026-11-20T20:00:00Z',
      by: 'Alex',
      reason: 'GP visit',
    });
    ports.clock.set('2026-11-20T19:59:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised']);
    ports.clock.set('2026-11-20T20:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised', 'reminder']);
  });

  it('never reminds an info report (the weekly summary), however long it stays open', async () => {
    const ports = storedReadingPorts();
    const summary = newAlert({
      subject: { memberId: 'm-1', timezone: 'Europe/London' },
      rule: 'weekly-summary',
      severity: 'info',
      episode: '2026-W47',
      raisedAt: ports.clock.now(),
      readings: [],
      thresholds: {},
      explanation: 'Weekly summary.',
      guidance: { name: 'Project rule', reference: 'https://example.org/' },
    });
    await raiseAlert(ports, summary);
    expect(ports.publisher.kinds()).toEqual(['raised']);
    ports.clock.advanceHours(24 * 30);
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(ports.publisher.kinds()).toEqual(['raised']);
  });

  it('reminds watch alerts after 24 hours, and never after resolution', async () => {
    const ports = storedReadingPorts({ now: '2026-11-20T08:00:00.000Z' });
    await evaluateStoredReading(ports, restingHr(115, '2026-11-19'));
    ports.clock.set('2026-11-21T07:59:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised']);
    ports.clock.set('2026-11-21T08:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    for (const day of ['2026-11-20', '2026-11-21', '2026-11-22'])
      await evaluateStoredReading(ports, restingHr(70, day));
    ports.clock.set('2026-11-25T08:00:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(kinds(ports)).toEqual(['raised', 'reminder', 'resolved']);
  });

  it('sends a held baseline summary once its hold has passed, and a send a crash interrupted', async () => {
    const ports = await withUrgentAlert();
    ports.publisher.failNext = true;
    await expect(evaluateStoredReading(ports, bp(120, 50, '2026-11-20T07:40:00.000Z'))).rejects.toThrow();
    const result = await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(result.pendingSent).toBe(1);
    expect(kinds(ports)).toEqual(['raised', 'raised']);
  });
});
