import { describe, expect, it } from 'vitest';
import { evaluateReading } from '../../../../shared/domain/alerts/evaluate-reading.js';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import { GUIDANCE } from '../../../../shared/domain/alerts/guidance.js';
import type { BloodPressureReading } from '../../../../shared/domain/blood-pressure-reading.js';
import { DEFAULT_THRESHOLDS } from '../../../../shared/domain/thresholds.js';
import { bp, dailySpo2, NOW, restingHr, SUBJECT, storedSpo2 } from './reading-builders.js';
import { MEMBER, seedSentAlert, storedReadingPorts } from './stored-reading-ports.js';

/** The full stored item a stream record's facts come from. */
const storedBp = (facts: ReturnType<typeof bp>): BloodPressureReading => ({
  ...facts,
  utcOffsetMinutes: 0,
  meanArterialPressure: Math.round((facts.systolic + 2 * facts.diastolic) / 3),
  provenance: { source: 'json', recordingMethod: 'device-measured' },
});

const heartRateDay = (dayStartUtc: string, samples: Array<[number, number]>) => ({
  metric: 'heart-rate' as const,
  memberId: 'm-1',
  measuredAt: dayStartUtc,
  endAt: new Date(Date.parse(dayStartUtc) + 86_400_000).toISOString(),
  samples,
  provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
});

const seedOpenNoDataAlert = (ports: ReturnType<typeof storedReadingPorts>) =>
  seedSentAlert(ports, {
    rule: 'wearable-no-data',
    severity: 'watch',
    episode: '2026-11-15T08:00:00.000Z',
    raisedAt: new Date('2026-11-18T08:00:00.000Z'),
    readings: [],
    thresholds: { wearableDays: 3 },
    explanation: 'No data.',
    guidance: GUIDANCE.wearableNoData,
  });

const findings = (observations: ReturnType<typeof evaluateReading>) =>
  observations.flatMap((o) => (o.finding === undefined ? [] : [o.finding.rule]));

describe('evaluateReading', () => {
  it('observes each condition a metric speaks to, with a finding only where it crossed', () => {
    const context = { now: NOW };
    const pressure = evaluateReading(bp(184, 85), SUBJECT, DEFAULT_THRESHOLDS, context);
    expect(pressure.map((o) => o.condition)).toEqual(['bp-severe', 'bp-low']);
    expect(findings(pressure)).toEqual(['bp-severe']);
    expect(findings(evaluateReading(restingHr(120), SUBJECT, DEFAULT_THRESHOLDS, context))).toEqual([
      'resting-hr-out-of-band',
    ]);
    expect(findings(evaluateReading(dailySpo2(88), SUBJECT, DEFAULT_THRESHOLDS, context))).toEqual([
      'spo2-urgent',
    ]);
    const steps = {
      metric: 'steps' as const,
      memberId: 'm-1',
      measuredAt: NOW.toISOString(),
      provenance: { source: 'google-health' },
    };
    expect(evaluateReading(steps, SUBJECT, DEFAULT_THRESHOLDS, context)).toEqual([]);
    expect(findings(evaluateReading(bp(120, 80), SUBJECT, DEFAULT_THRESHOLDS, context))).toEqual([]);
  });
});

describe('evaluateStoredReading', () => {
  it('uses the member zone, name and overrides', async () => {
    const ports = storedReadingPorts({ overrides: { bloodPressure: { severeSystolic: 160 } } });
    const result = await evaluateStoredReading(ports, bp(165, 90));
    expect(result.episodes).toEqual([
      { condition: 'bp-severe', alertKey: 'm-1#bp-severe#2026-11-20T07:31:00.000Z', outcome: 'raised' },
      { condition: 'bp-low', outcome: 'unchanged' },
    ]);
    expect(ports.publisher.sent[0]?.alert).toMatchObject({
      memberName: 'Sam Example',
      thresholds: { severeSystolic: 160, severeDiastolic: 120 },
    });
  });

  it('still alerts, on defaults and the UK zone, when the member record or overrides are unusable', async () => {
    const invalid = { bloodPressure: { severeSystolic: 5 } };
    const reading = bp(181, 90, '2026-07-14T23:30:00.000Z');
    // The reading is stored (it came from the stream): only the member's profile is missing.
    const ports = storedReadingPorts({ members: [], overrides: invalid, stored: [storedBp(reading)] });
    const result = await evaluateStoredReading(ports, reading);
    expect(result.fallbacks).toEqual(['member-missing', 'invalid-overrides']);
    expect(result.episodes[0]?.outcome).toBe('raised');
    expect(ports.publisher.sent[0]?.alert.thresholds).toEqual({ severeSystolic: 180, severeDiastolic: 120 });
    expect(ports.publisher.sent[0]?.alert.explanation).toContain('00:30 BST on 15 Jul 2026');
  });

  it('raises, resolves and sends nothing for a member whose erasure has started', async () => {
    const leaving = { ...MEMBER, erasureRequestedAt: '2026-11-20T07:00:00.000Z' };
    const reading = bp(190, 125);
    const ports = storedReadingPorts({ members: [leaving], stored: [storedBp(reading)] });
    const result = await evaluateStoredReading(ports, reading);
    expect(result).toMatchObject({ memberLeft: true, episodes: [] });
    expect(ports.publisher.sent).toEqual([]);
    expect(await ports.alerts.list({ memberId: 'm-1' })).toEqual([]);
  });

  it('recreates no alert for an erased member: no profile and none of their readings left', async () => {
    const ports = storedReadingPorts({ members: [], stored: [] });
    const result = await evaluateStoredReading(ports, bp(190, 125));
    expect(result.memberLeft).toBe(true);
    expect(ports.publisher.sent).toEqual([]);
    expect(await ports.alerts.list({ memberId: 'm-1' })).toEqual([]);
  });

  it('tells an erased member from a missing profile by the monitor the reading came through', async () => {
    const fromMonitor = { ...bp(190, 125), provenance: { source: 'json', deviceId: 'd-1' } };
    // A reading written after the erasure (an upload or sync already under way) is stored, but its
    // monitor is gone with the member.
    const erased = storedReadingPorts({ members: [], stored: [storedBp(fromMonitor)] });
    expect((await evaluateStoredReading(erased, fromMonitor)).memberLeft).toBe(true);
    expect(erased.publisher.sent).toEqual([]);

    const device = {
      deviceId: 'd-1',
      memberId: 'm-1',
      tokenHash: 'h',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const profileMissing = storedReadingPorts({ members: [], devices: [device] });
    const result = await evaluateStoredReading(profileMissing, fromMonitor);
    expect(result.fallbacks).toContain('member-missing');
    expect(result.episodes[0]?.outcome).toBe('raised');
  });

  it('uses the two earlier nights for the SpO2 "2 of 3 nights" rule', async () => {
    const ports = storedReadingPorts({
      stored: [storedSpo2(91, '2026-11-17'), storedSpo2(96, '2026-11-18')],
    });
    await evaluateStoredReading(ports, dailySpo2(92, '2026-11-19'));
    expect(ports.publisher.sent.map((m) => [m.alert.rule, m.alert.severity])).toEqual([
      ['spo2-urgent', 'urgent'],
    ]);
  });

  it('resolves an open wearable-no-data alert when the device measures again, with one resolved notice', async () => {
    const ports = storedReadingPorts();
    await seedOpenNoDataAlert(ports);
    // Bucket for 16 Nov (GMT), newest sample 07:30: after the silence began on 15 Nov 08:00.
    const first = await evaluateStoredReading(
      ports,
      heartRateDay('2026-11-16T00:00:00.000Z', [[27_000, 64]]),
    );
    const again = await evaluateStoredReading(
      ports,
      heartRateDay('2026-11-16T00:00:00.000Z', [[27_300, 66]]),
    );
    expect(first.resolved).toEqual(['m-1#wearable-no-data#2026-11-15T08:00:00.000Z']);
    expect(again.resolved).toEqual([]);
    expect(ports.publisher.sent.map((m) => [m.alert.rule, m.notification.kind])).toEqual([
      ['wearable-no-data', 'resolved'],
    ]);
  });

  it('keeps a silence open for what arrives without the device being worn', async () => {
    const ports = storedReadingPorts();
    await seedOpenNoDataAlert(ports);
    // Daily summaries are computed upstream even for a tracker left in a drawer.
    await evaluateStoredReading(ports, restingHr(70));
    // A weight typed into the app.
    await evaluateStoredReading(ports, {
      metric: 'weight',
      memberId: 'm-1',
      measuredAt: '2026-11-17T08:00:00.000Z',
      provenance: { source: 'google-health', recordingMethod: 'manual' },
    });
    // The same weight as reconcile returns it: no dataSource, so nobody can tell it was typed in.
    await evaluateStoredReading(ports, {
      metric: 'weight',
      memberId: 'm-1',
      measuredAt: '2026-11-17T09:00:00.000Z',
      provenance: { source: 'google-health', recordingMethod: 'unknown' },
    });
    // A reconciled sleep session (it may have been logged by hand) and reconciled steps (a phone counts too).
    await evaluateStoredReading(ports, {
      metric: 'sleep',
      memberId: 'm-1',
      measuredAt: '2026-11-16T23:00:00.000Z',
      endAt: '2026-11-17T07:00:00.000Z',
      provenance: { source: 'google-health', recordingMethod: 'unknown' },
    });
    await evaluateStoredReading(ports, {
      metric: 'steps',
      memberId: 'm-1',
      measuredAt: '2026-11-17T00:00:00.000Z',
      endAt: '2026-11-18T00:00:00.000Z',
      hourly: [{ hourStart: '2026-11-17T10:00:00+00:00', count: 300 }],
      provenance: { source: 'google-health', recordingMethod: 'unknown' },
    });
    // The bucket of the day the silence began: its day ends later, but its newest sample is before.
    await evaluateStoredReading(ports, heartRateDay('2026-11-15T00:00:00.000Z', [[25_200, 61]]));
    // Steps in the hour the silence began (08:00-09:00): they are what set the last-seen time, and
    // an hourly total cannot show any step after it.
    await evaluateStoredReading(ports, {
      metric: 'steps',
      memberId: 'm-1',
      measuredAt: '2026-11-15T00:00:00.000Z',
      endAt: '2026-11-16T00:00:00.000Z',
      hourly: [
        { hourStart: '2026-11-15T07:00:00+00:00', count: 40 },
        { hourStart: '2026-11-15T08:00:00+00:00', count: 120 },
        { hourStart: '2026-11-15T09:00:00+00:00', count: 0 },
      ],
      provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
    });
    expect(ports.publisher.sent).toEqual([]);
    expect(await ports.alerts.listOpen('m-1', 'wearable-no-data')).toHaveLength(1);
  });

  it('does not resolve a silence with late data measured before the silence began', async () => {
    const ports = storedReadingPorts();
    await seedOpenNoDataAlert(ports);
    const result = await evaluateStoredReading(ports, restingHr(70, '2026-11-14'));
    expect(result.resolved).toEqual([]);
    expect(ports.publisher.sent).toEqual([]);
    expect(await ports.alerts.listOpen('m-1', 'wearable-no-data')).toHaveLength(1);
  });

  it('does not touch no-data alerts for a blood-pressure reading, and resolves bp-no-readings', async () => {
    const ports = storedReadingPorts();
    await seedOpenNoDataAlert(ports);
    await seedSentAlert(ports, {
      rule: 'bp-no-readings',
      severity: 'watch',
      episode: '2026-11-10T08:00:00.000Z',
      raisedAt: new Date('2026-11-17T08:00:00.000Z'),
      readings: [],
      thresholds: { bloodPressureDays: 7 },
      explanation: 'No BP readings.',
      guidance: GUIDANCE.homeMonitoring,
    });
    const result = await evaluateStoredReading(ports, bp(120, 80));
    expect(result.resolved).toEqual(['m-1#bp-no-readings#2026-11-10T08:00:00.000Z']);
    expect(await ports.alerts.listOpen('m-1', 'wearable-no-data')).toHaveLength(1);
    expect(ports.publisher.sent.map((m) => [m.alert.rule, m.notification.kind])).toEqual([
      ['bp-no-readings', 'resolved'],
    ]);
  });
});
