import { describe, expect, it } from 'vitest';
import { evaluateReading } from '../../../../shared/domain/alerts/evaluate-reading.js';
import { evaluateStoredReading } from '../../../../shared/domain/alerts/evaluate-stored-reading.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { MemberDirectory } from '../../../../shared/domain/ports/member-directory.js';
import type { ThresholdStore } from '../../../../shared/domain/ports/threshold-store.js';
import { DEFAULT_THRESHOLDS, type ThresholdOverrides } from '../../../../shared/domain/thresholds.js';
import { alertPorts } from './in-memory-alert-ports.js';
import { bp, dailySpo2, NOW, restingHr, SUBJECT } from './reading-builders.js';

const member: Member = {
  memberId: 'm-1',
  name: 'Sam Example',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const directoryWith = (members: Member[]): MemberDirectory => ({
  getMember: async (id) => members.find((m) => m.memberId === id),
  createMember: async () => {},
  listMembers: async () => members,
  registerDevice: async () => {},
  getDevice: async () => undefined,
  moveMemberToTeam: async () => {},
  listTeamMoves: async () => [],
});

const thresholdsWith = (overrides?: ThresholdOverrides): ThresholdStore => ({
  getOverrides: async () => overrides,
  setOverrides: async () => {},
});

const portsFor = (options: { members?: Member[]; overrides?: ThresholdOverrides } = {}) => ({
  ...alertPorts(),
  members: directoryWith(options.members ?? [member]),
  thresholds: thresholdsWith(options.overrides),
});

const heartRateDay = (dayStartUtc: string, samples: Array<[number, number]>) => ({
  metric: 'heart-rate' as const,
  memberId: 'm-1',
  measuredAt: dayStartUtc,
  endAt: new Date(Date.parse(dayStartUtc) + 86_400_000).toISOString(),
  samples,
  provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
});

const seedOpenNoDataAlert = async (ports: ReturnType<typeof portsFor>) =>
  ports.alerts.putIfAbsent({
    schemaVersion: '1.0',
    alertKey: 'm-1#wearable-no-data#2026-11-15T08:00:00.000Z',
    memberId: 'm-1',
    rule: 'wearable-no-data',
    severity: 'watch',
    episode: '2026-11-15T08:00:00.000Z',
    raisedAt: '2026-11-18T08:00:00.000Z',
    publishedAt: '2026-11-18T08:00:01.000Z',
    status: 'open',
    readings: [],
    thresholds: { wearableDays: 3 },
    explanation: 'No data.',
    guidance: { name: 'n', reference: 'r' },
    qualityFlags: [],
  });

describe('evaluateReading', () => {
  it('runs the rules for each metric and nothing for others', () => {
    expect(evaluateReading(bp(184, 85), SUBJECT, DEFAULT_THRESHOLDS, NOW).map((a) => a.rule)).toEqual([
      'bp-severe',
    ]);
    expect(evaluateReading(restingHr(120), SUBJECT, DEFAULT_THRESHOLDS, NOW).map((a) => a.rule)).toEqual([
      'resting-hr-out-of-band',
    ]);
    expect(evaluateReading(dailySpo2(90), SUBJECT, DEFAULT_THRESHOLDS, NOW).map((a) => a.rule)).toEqual([
      'spo2-urgent',
    ]);
    const steps = {
      metric: 'steps' as const,
      memberId: 'm-1',
      measuredAt: NOW.toISOString(),
      provenance: { source: 'google-health' },
    };
    expect(evaluateReading(steps, SUBJECT, DEFAULT_THRESHOLDS, NOW)).toEqual([]);
    expect(evaluateReading(bp(120, 80), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toEqual([]);
  });
});

describe('evaluateStoredReading', () => {
  it('uses the member zone, name and overrides', async () => {
    const ports = portsFor({ overrides: { bloodPressure: { severeSystolic: 160 } } });
    const result = await evaluateStoredReading(ports, bp(165, 90));
    expect(result).toEqual({
      raised: [{ alertKey: 'm-1#bp-severe#2026-11-20', outcome: 'raised' }],
      resolved: [],
      fallbacks: [],
    });
    expect(ports.publisher.sent[0]).toMatchObject({
      memberName: 'Sam Example',
      thresholds: { severeSystolic: 160, severeDiastolic: 120 },
    });
  });

  it('still alerts, on defaults and the UK zone, when the member record or overrides are unusable', async () => {
    const invalid = { bloodPressure: { severeSystolic: 5 } };
    const ports = portsFor({ members: [], overrides: invalid });
    const result = await evaluateStoredReading(ports, bp(181, 90, '2026-07-14T23:30:00.000Z'));
    expect(result.fallbacks).toEqual(['member-missing', 'invalid-overrides']);
    expect(result.raised).toEqual([{ alertKey: 'm-1#bp-severe#2026-07-15', outcome: 'raised' }]);
    expect(ports.publisher.sent[0]?.thresholds).toEqual({ severeSystolic: 180, severeDiastolic: 120 });
  });

  it('resolves an open wearable-no-data alert when the device measures again, with one resolved notice', async () => {
    const ports = portsFor();
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
    expect(ports.publisher.sent.map((a) => [a.rule, a.status])).toEqual([['wearable-no-data', 'resolved']]);
  });

  it('keeps a silence open for what arrives without the device being worn', async () => {
    const ports = portsFor();
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
    const ports = portsFor();
    await seedOpenNoDataAlert(ports);
    const result = await evaluateStoredReading(ports, restingHr(70, '2026-11-14'));
    expect(result.resolved).toEqual([]);
    expect(ports.publisher.sent).toEqual([]);
    expect(await ports.alerts.listOpen('m-1', 'wearable-no-data')).toHaveLength(1);
  });

  it('does not touch no-data alerts for a blood-pressure reading', async () => {
    const ports = portsFor();
    await seedOpenNoDataAlert(ports);
    const result = await evaluateStoredReading(ports, bp(120, 80));
    expect(result).toEqual({ raised: [], resolved: [], fallbacks: [] });
    expect(await ports.alerts.listOpen('m-1', 'wearable-no-data')).toHaveLength(1);
  });
});
