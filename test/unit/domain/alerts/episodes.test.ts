import { describe, expect, it } from 'vitest';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import { bp, storedSpo2 } from './reading-builders.js';
import { storedReadingPorts } from './stored-reading-ports.js';

const at = (day: number, hour: number): string => new Date(Date.UTC(2026, 10, day, hour, 0, 0)).toISOString();

const kinds = (ports: ReturnType<typeof storedReadingPorts>) =>
  ports.publisher.sent.map((m) => `${m.alert.rule}:${m.notification.kind}:${m.alert.severity}`);

describe('episodes: one per member and condition', () => {
  it('185/100 twice a day for two weeks is one urgent alert listing every reading, raised once', async () => {
    const ports = storedReadingPorts({ now: at(20, 9) });
    for (let day = 1; day <= 14; day += 1) {
      for (const hour of [7, 19]) {
        ports.clock.set(at(day, hour + 1));
        await evaluateStoredReading(ports, bp(185, 100, at(day, hour)));
      }
    }
    const alerts = ports.alerts.byRule('bp-severe');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.readings).toHaveLength(28);
    expect(alerts[0]?.status).toBe('open');
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent']);
    expect(alerts[0]?.notifications.map((n) => n.kind)).toEqual(['raised']);
  });

  it('182/96 in the morning then 232/134 the same evening escalates (tier rises at 220)', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(182, 96, at(20, 7)));
    await evaluateStoredReading(ports, bp(232, 134, at(20, 19)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:escalated:urgent']);
    const [alert] = ports.alerts.byRule('bp-severe');
    expect(alert?.tier).toBe(2);
    expect(alert?.readings.map((r) => r.values.systolic)).toEqual([182, 232]);
    expect(alert?.explanation).toMatch(/^Worse than when this alert was raised\. /);
    const escalation = ports.publisher.sent[1];
    expect(escalation?.notification.dedupeId).toBe(`${alert?.alertKey}#escalated-1`);
  });

  it('a systolic 20 or more above the last notified one escalates; 19 does not', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(185, 100, at(20, 7)));
    await evaluateStoredReading(ports, bp(204, 100, at(20, 8)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent']);
    await evaluateStoredReading(ports, bp(205, 100, at(20, 9)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:escalated:urgent']);
    // The comparison moves to what was last notified (205): 215 is only 10 higher.
    await evaluateStoredReading(ports, bp(215, 100, at(20, 10)));
    expect(kinds(ports)).toHaveLength(2);
  });

  it('a worse reading that arrives late for an alerted day escalates too', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(185, 100, at(20, 19)));
    await evaluateStoredReading(ports, bp(225, 110, at(20, 7)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:escalated:urgent']);
    expect(ports.alerts.byRule('bp-severe')[0]?.readings.map((r) => r.measuredAt)).toEqual([
      at(20, 7),
      at(20, 19),
    ]);
  });

  it('resolves after 3 normal readings in a row, with one resolved notice; a new crossing opens a new episode', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    await evaluateStoredReading(ports, bp(150, 90, at(20, 19)));
    await evaluateStoredReading(ports, bp(182, 90, at(21, 7))); // crossing again: the count starts over
    await evaluateStoredReading(ports, bp(150, 90, at(21, 19)));
    await evaluateStoredReading(ports, bp(148, 88, at(22, 7)));
    expect(ports.alerts.byRule('bp-severe')[0]?.status).toBe('open');
    await evaluateStoredReading(ports, bp(145, 85, at(22, 19)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:resolved:urgent']);
    const [resolved] = ports.alerts.byRule('bp-severe');
    expect(resolved?.status).toBe('resolved');
    expect(resolved?.explanation).toContain('the last 3 readings were back within the threshold');
    expect(ports.alerts.slots.size).toBe(0);
    await evaluateStoredReading(ports, bp(186, 100, at(23, 7)));
    expect(ports.alerts.byRule('bp-severe')).toHaveLength(2);
    expect(kinds(ports).at(-1)).toBe('bp-severe:raised:urgent');
  });

  it('a redelivered reading changes nothing and sends nothing', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    await evaluateStoredReading(ports, bp(150, 90, at(20, 19)));
    const before = structuredClone([...ports.alerts.items.values()]);
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    await evaluateStoredReading(ports, bp(150, 90, at(20, 19)));
    expect([...ports.alerts.items.values()]).toEqual(before);
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent']);
  });

  it('a reading of a closed episode, evaluated again, does not open a new one', async () => {
    const ports = storedReadingPorts();
    const readings = [
      bp(190, 100, at(20, 7)),
      bp(150, 90, at(20, 19)),
      bp(150, 90, at(21, 7)),
      bp(150, 90, at(21, 19)),
    ];
    for (const reading of readings) await evaluateStoredReading(ports, reading);
    for (const reading of readings) await evaluateStoredReading(ports, reading);
    expect(ports.alerts.byRule('bp-severe')).toHaveLength(1);
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:resolved:urgent']);
  });

  it('a send that failed is retried by the redelivered record, never lost and never doubled', async () => {
    const ports = storedReadingPorts();
    ports.publisher.failNext = true;
    await expect(evaluateStoredReading(ports, bp(190, 100, at(20, 7)))).rejects.toThrow('queue unavailable');
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent']);
    expect(ports.alerts.byRule('bp-severe')[0]?.notifications[0]?.publishedAt).toBeDefined();
  });

  it('survives a concurrent writer: re-reads and re-applies', async () => {
    const ports = storedReadingPorts();
    await evaluateStoredReading(ports, bp(190, 100, at(20, 7)));
    ports.alerts.conflictNext = true;
    await evaluateStoredReading(ports, bp(230, 100, at(20, 8)));
    expect(kinds(ports)).toEqual(['bp-severe:raised:urgent', 'bp-severe:escalated:urgent']);
  });

  it('SpO2 wobbling between 92% and 93% for 14 nights is one episode: watch, then one escalation', async () => {
    const ports = storedReadingPorts();
    for (let night = 1; night <= 14; night += 1) {
      const localDate = `2026-11-${String(night).padStart(2, '0')}`;
      const reading = storedSpo2(night % 2 === 1 ? 92 : 93, localDate);
      await ports.readings.put(reading);
      await evaluateStoredReading(ports, reading);
    }
    expect(kinds(ports)).toEqual(['spo2-watch:raised:watch', 'spo2-urgent:escalated:urgent']);
    const alerts = [...ports.alerts.items.values()];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.readings).toHaveLength(14);
  });
});
