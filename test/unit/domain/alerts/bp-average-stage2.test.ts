import { describe, expect, it } from 'vitest';
import { evaluateHomeAverage } from '../../../../shared/domain/alerts/evaluate-home-average.js';
import {
  monitoringWeekOf,
  readingsForHomeAverage,
} from '../../../../shared/domain/alerts/home-average-window.js';
import type { BloodPressureReading } from '../../../../shared/domain/blood-pressure-reading.js';
import { RecordingPublisher } from '../../../fakes/alert-publisher.js';
import { InMemoryAlertStore } from '../../../fakes/alert-store.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';

const TZ = 'Europe/London';

const reading = (
  measuredAt: string,
  systolic: number,
  diastolic: number,
  source = 'json',
  extra: Partial<BloodPressureReading> = {},
): BloodPressureReading => ({
  metric: 'blood-pressure',
  memberId: 'm-1',
  measuredAt,
  utcOffsetMinutes: 0,
  systolic,
  diastolic,
  meanArterialPressure: 100,
  provenance: { source, deviceId: `dev-${source}`, recordingMethod: 'device-measured' },
  ...extra,
});

/** Morning and evening readings on each given day of the week of Monday 23 November 2026 (GMT). */
const week = (perDay: Array<[number, number]>, firstDay = 23) =>
  perDay.flatMap(([systolic, diastolic], day) => [
    reading(`2026-11-${firstDay + day}T07:30:00.000Z`, systolic, diastolic),
    reading(`2026-11-${firstDay + day}T19:30:00.000Z`, systolic, diastolic),
  ]);

const portsWith = (stored: BloodPressureReading[], now = '2026-11-29T20:00:00.000Z') => {
  const alerts = new InMemoryAlertStore();
  const publisher = new RecordingPublisher();
  return {
    alerts,
    publisher,
    clock: { now: () => new Date(now) },
    members: new InMemoryMemberDirectory({
      memberId: 'm-1',
      name: 'Sam',
      timezone: TZ,
      createdAt: '2026-01-01T00:00:00Z',
    }),
    readings: new InMemoryReadingStore().seed(...stored),
  };
};

const evaluate = async (stored: BloodPressureReading[]) => {
  const ports = portsWith(stored);
  const last = stored.at(-1);
  if (last === undefined) throw new Error('no readings');
  await evaluateHomeAverage(ports, last);
  return ports.publisher.sent.map((message) => message.alert);
};

describe('monitoringWeekOf (member-local Monday to Sunday)', () => {
  it('spans the October clock change: starts at BST midnight and ends at GMT midnight', () => {
    expect(monitoringWeekOf('2026-10-25', TZ)).toEqual({
      from: '2026-10-19',
      to: '2026-10-25',
      startUtc: '2026-10-18T23:00:00.000Z',
      endUtc: '2026-10-26T00:00:00.000Z',
    });
  });

  it('spans the March clock change', () => {
    expect(monitoringWeekOf('2026-03-29', TZ)).toMatchObject({
      from: '2026-03-23',
      startUtc: '2026-03-23T00:00:00.000Z',
      endUtc: '2026-03-29T23:00:00.000Z',
    });
  });
});

describe('bp-average-stage2 (NICE NG136 home average, wired)', () => {
  it('raises one watch alert, worded for a GP review, when the average after the first day reaches 150/95', async () => {
    const sent = await evaluate(
      week([
        [120, 80],
        [152, 92],
        [150, 96],
        [151, 90],
      ]),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      alertKey: 'm-1#bp-average-stage2#2026-11-23',
      rule: 'bp-average-stage2',
      severity: 'watch',
      readings: [{ values: { systolic: 151, diastolic: 92.7, days: 3, readings: 6 } }],
    });
    expect(sent[0]?.explanation).toContain('book a GP review');
    expect(sent[0]?.explanation).toContain('not urgent');
  });

  it('discards the first day: a high first day alone raises nothing', async () => {
    expect(
      await evaluate(
        week([
          [200, 120],
          [140, 85],
          [140, 85],
          [140, 85],
        ]),
      ),
    ).toEqual([]);
  });

  it('needs readings on at least 4 local days (3 are not enough)', async () => {
    expect(
      await evaluate(
        week([
          [160, 100],
          [160, 100],
          [160, 100],
        ]),
      ),
    ).toEqual([]);
  });

  it('pages no one for a stage 1 average (135/85): that goes into the weekly summary', async () => {
    expect(
      await evaluate(
        week([
          [140, 88],
          [140, 88],
          [140, 88],
          [140, 88],
        ]),
      ),
    ).toEqual([]);
  });

  it('counts a reading sent through two routes once', async () => {
    // Days 2-4 without the copy: (160 + 140 + 144) / 3 = 148: stage 1. With the FHIR copy counted: 151.
    const stored = [
      reading('2026-11-23T08:00:00.000Z', 130, 80),
      reading('2026-11-24T08:00:00.000Z', 160, 90),
      reading('2026-11-24T08:00:30.000Z', 160, 90, 'fhir'),
      reading('2026-11-25T08:00:00.000Z', 140, 90),
      reading('2026-11-26T08:00:00.000Z', 144, 90),
    ];
    expect(await evaluate(stored)).toEqual([]);
    expect(readingsForHomeAverage(stored)).toHaveLength(4);
  });

  it('keeps two readings from the same monitor a minute apart (the NICE pair)', () => {
    const pair = [reading('2026-11-24T08:00:00.000Z', 160, 90), reading('2026-11-24T08:01:00.000Z', 160, 90)];
    expect(readingsForHomeAverage(pair)).toHaveLength(2);
  });

  it('leaves out readings placed at the time of receipt because the monitor clock was wrong', () => {
    const suspect = reading('2026-11-24T08:00:00.000Z', 190, 100, 'json', {
      qualityFlags: ['clock-suspect'],
      clock: { deviceTime: '2000-01-01T00:00:00', timeSource: 'received' },
    });
    expect(readingsForHomeAverage([suspect])).toEqual([]);
  });

  it('groups by member-local day across the clock change (23:30 UTC on Sunday 18 Oct is Monday in London)', async () => {
    const stored = [
      reading('2026-10-18T23:30:00.000Z', 120, 80), // Mon 19 Oct 00:30 BST: the discarded first day
      reading('2026-10-20T08:00:00.000Z', 155, 97),
      reading('2026-10-21T08:00:00.000Z', 155, 97),
      reading('2026-10-25T08:00:00.000Z', 155, 97), // the change day, GMT
    ];
    const sent = await evaluate(stored);
    expect(sent.map((alert) => alert.episode)).toEqual(['2026-10-19']);
  });

  it('raises it once per week, however many readings arrive', async () => {
    const stored = week([
      [120, 80],
      [160, 100],
      [160, 100],
      [160, 100],
      [160, 100],
    ]);
    const ports = portsWith(stored);
    for (const item of stored.slice(-3)) await evaluateHomeAverage(ports, item);
    expect(ports.publisher.sent).toHaveLength(1);
  });
});
