import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import { followUpAlerts } from '../../../../shared/domain/alerts/follow-up-alerts.js';
import { bp, dailySpo2 } from './reading-builders.js';
import { storedReadingPorts } from './stored-reading-ports.js';

const REGISTERED = '2026-11-20T10:00:00.000Z';
const device = { deviceId: 'd-1', memberId: 'm-1', tokenHash: 'h', createdAt: REGISTERED };
const fromMonitor = (systolic: number, diastolic: number, measuredAt: string) => ({
  ...bp(systolic, diastolic, measuredAt),
  provenance: { source: 'json', deviceId: 'd-1', recordingMethod: 'device-measured' },
});
const daysBefore = (days: number, hours = 0) =>
  new Date(Date.parse(REGISTERED) - days * 86_400_000 - hours * 3_600_000).toISOString();

describe('baseline: readings from before the device was registered', () => {
  it("a monitor's 45-day memory gives no individual alerts and one held baseline summary", async () => {
    const ports = storedReadingPorts({ devices: [device], now: '2026-11-20T10:05:00.000Z' });
    for (let day = 4; day <= 48; day += 1) {
      await evaluateStoredReading(ports, fromMonitor(day % 3 === 0 ? 196 : 185, 100, daysBefore(day)));
      await evaluateStoredReading(ports, fromMonitor(85, 55, daysBefore(day, 2)));
      await evaluateStoredReading(ports, fromMonitor(130, 80, daysBefore(day, 4)));
    }
    const alerts = [...ports.alerts.items.values()];
    expect(alerts.map((a) => [a.rule, a.severity])).toEqual([['baseline-summary', 'watch']]);
    const [summary] = alerts;
    expect(summary?.baseline?.crossed['bp-severe']?.count).toBe(45);
    expect(summary?.baseline?.crossed['bp-severe']?.worst.values).toEqual({ systolic: 196, diastolic: 100 });
    expect(summary?.baseline?.crossed['bp-low']?.count).toBe(45);
    expect(summary?.explanation).toContain('45 readings with very high blood pressure');
    expect(summary?.explanation).toContain('did not raise alerts one by one');
    // Held for the group wait, so the message lists the whole import.
    expect(ports.publisher.sent).toEqual([]);
    ports.clock.set('2026-11-20T10:11:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(ports.publisher.kinds()).toEqual(['raised']);
    expect(ports.publisher.sent[0]?.alert.baseline?.crossed['bp-severe']?.count).toBe(45);
  });

  it('marks an old blood-pressure reading as baseline even when normal, so its week raises no home average', async () => {
    const ports = storedReadingPorts({ devices: [device] });
    const old = await evaluateStoredReading(ports, fromMonitor(152, 96, daysBefore(10)));
    const recent = await evaluateStoredReading(ports, fromMonitor(152, 96, daysBefore(2)));
    expect([old.baselineReading, recent.baselineReading]).toEqual([true, false]);
    expect(ports.alerts.items.size).toBe(0);
  });

  it('the same baseline reading again is not counted twice', async () => {
    const ports = storedReadingPorts({ devices: [device] });
    await evaluateStoredReading(ports, fromMonitor(190, 100, daysBefore(10)));
    await evaluateStoredReading(ports, fromMonitor(190, 100, daysBefore(10)));
    expect(ports.alerts.byRule('baseline-summary')[0]?.baseline?.crossed['bp-severe']?.count).toBe(1);
  });

  it('a reading from the 72 hours before registration alerts as usual', async () => {
    const ports = storedReadingPorts({ devices: [device], now: '2026-11-20T10:05:00.000Z' });
    await evaluateStoredReading(ports, fromMonitor(190, 100, daysBefore(2, 23)));
    await evaluateStoredReading(ports, fromMonitor(191, 100, daysBefore(3, 1)));
    expect(ports.publisher.sent.map((m) => m.alert.rule)).toEqual(['bp-severe']);
    expect(ports.alerts.byRule('baseline-summary')).toHaveLength(1);
  });

  it('a reading taken after registration that reaches us late alerts, saying so', async () => {
    const ports = storedReadingPorts({ devices: [device], now: '2026-11-25T10:00:00.000Z' });
    await evaluateStoredReading(ports, fromMonitor(190, 100, '2026-11-21T08:00:00.000Z'));
    expect(ports.publisher.sent[0]?.alert.explanation).toContain('reached us 4 days later');
  });

  it("a wearable's backfill from before the link is a baseline too", async () => {
    const ports = storedReadingPorts({ link: { linkedAt: REGISTERED } });
    await evaluateStoredReading(ports, dailySpo2(86, '2026-11-01'));
    await evaluateStoredReading(ports, dailySpo2(86, '2026-11-19'));
    expect(ports.alerts.byRule('baseline-summary')).toHaveLength(1);
    expect(ports.publisher.sent.map((m) => m.alert.rule)).toEqual(['spo2-urgent']);
  });
});

describe('baseline summary hold', () => {
  it('each new baseline reading pushes the send back, so the message lists the whole import', async () => {
    const ports = storedReadingPorts({ devices: [device], now: '2026-11-20T10:05:00.000Z' });
    await evaluateStoredReading(ports, fromMonitor(190, 100, daysBefore(10)));
    ports.clock.set('2026-11-20T10:09:00.000Z');
    await evaluateStoredReading(ports, fromMonitor(200, 100, daysBefore(11)));
    ports.clock.set('2026-11-20T10:12:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(ports.publisher.sent).toEqual([]);
    ports.clock.set('2026-11-20T10:14:00.000Z');
    await followUpAlerts(ports, DEFAULT_ALERT_POLICY);
    expect(ports.publisher.sent[0]?.alert.baseline?.crossed['bp-severe']?.count).toBe(2);
  });
});
