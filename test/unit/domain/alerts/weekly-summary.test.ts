import { describe, expect, it } from 'vitest';
import { sendWeeklySummaries } from '../../../../shared/domain/alerts/send-weekly-summaries.js';
import { isoWeekOf } from '../../../../shared/domain/alerts/weekly-summary.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { ThresholdChange } from '../../../../shared/domain/ports/threshold-store.js';
import { RecordingPublisher } from '../../../fakes/alert-publisher.js';
import { InMemoryAlertStore } from '../../../fakes/alert-store.js';

const member = (memberId: string): Member => ({
  memberId,
  name: `Member ${memberId}`,
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
});

// Monday 30 November 2026, 08:00 UTC: the summary covers Monday 23 to Sunday 29 November.
const NOW = new Date('2026-11-30T08:00:00.000Z');

const bp = (day: number, systolic: number, diastolic: number) => ({
  metric: 'blood-pressure',
  memberId: 'm-1',
  measuredAt: `2026-11-${day}T07:30:00.000Z`,
  systolic,
  diastolic,
  provenance: { source: 'json', deviceId: 'd-1' },
});

const setUp = (review?: Partial<ThresholdChange>) => {
  const alerts = new InMemoryAlertStore();
  const publisher = new RecordingPublisher();
  const pages = [[member('m-1')], [member('m-2')]];
  const readings = [
    bp(22, 150, 95), // before the week: not counted
    bp(23, 120, 80), // first day: discarded from the average
    bp(24, 140, 88),
    bp(25, 138, 86),
    bp(26, 142, 90),
  ];
  const steps = [
    { metric: 'steps', memberId: 'm-1', measuredAt: '2026-11-24T00:00:00.000Z', localDate: '2026-11-24' },
    { metric: 'steps', memberId: 'm-1', measuredAt: '2026-11-25T00:00:00.000Z', localDate: '2026-11-25' },
  ];
  const ports = {
    alerts,
    publisher,
    clock: { now: () => NOW },
    members: {
      listMembersPage: async (cursor?: string) => {
        const index = cursor === undefined ? 0 : Number(cursor);
        return {
          members: pages[index] ?? [],
          ...(index + 1 < pages.length ? { cursor: String(index + 1) } : {}),
        };
      },
    },
    readings: {
      listRange: async (query: { memberId: string; metric: string; from?: string; to?: string }) =>
        [...readings, ...steps].filter(
          (item) =>
            item.memberId === query.memberId &&
            item.metric === query.metric &&
            item.measuredAt >= (query.from ?? '') &&
            item.measuredAt <= (query.to ?? '9999'),
        ) as never,
    },
    thresholds: {
      getCurrent: async (memberId: string) =>
        memberId === 'm-1' && review !== undefined
          ? {
              overrides: {},
              setBy: 'Dr Patel',
              reason: 'Agreed',
              setAt: '2026-08-01T10:00:00.000Z',
              reviewBy: '2026-10-30',
              disabledRules: [],
              ...review,
            }
          : undefined,
    },
  };
  return { ports, publisher, alerts };
};

describe('sendWeeklySummaries', () => {
  it('sends one info summary per member, paging through members, with counts, the NICE average and open alerts', async () => {
    const { ports, publisher } = setUp();
    const run = await sendWeeklySummaries(ports);
    expect(run).toEqual({ members: 2, sent: 2, failures: 0 });
    const first = publisher.sent.map((m) => m.alert).find((alert) => alert.memberId === 'm-1');
    expect(first).toMatchObject({
      alertKey: 'm-1#weekly-summary#2026-W49',
      rule: 'weekly-summary',
      severity: 'info',
      summary: {
        from: '2026-11-23',
        to: '2026-11-29',
        readingCounts: { 'blood-pressure': 4, steps: 2 },
        homeAverage: { stage: 'stage-1', systolic: 140, diastolic: 88, daysWithReadings: 4 },
        wearableDays: 2,
        openAlerts: [],
      },
    });
    expect(first?.explanation).toContain("NICE's stage 1 range");
    expect(first?.explanation).toContain('needs no action on its own');
  });

  it('sends nothing twice when the run is retried the same week', async () => {
    const { ports, publisher } = setUp();
    await sendWeeklySummaries(ports);
    const again = await sendWeeklySummaries(ports);
    expect(again.sent).toBe(0);
    expect(publisher.sent).toHaveLength(2);
  });

  it('closes the summary once sent, so it is never listed as an open alert', async () => {
    const { ports, alerts } = setUp();
    await sendWeeklySummaries(ports);
    expect(await alerts.listOpen('m-1', 'weekly-summary')).toEqual([]);
  });

  it('raises a thresholds-review-due staff task when the overrides are past their review date', async () => {
    const { ports, publisher } = setUp({});
    await sendWeeklySummaries(ports);
    expect(
      publisher.sent.map((m) => m.alert).filter((alert) => alert.rule === 'thresholds-review-due'),
    ).toEqual([expect.objectContaining({ severity: 'staff-task', episode: '2026-10-30', memberId: 'm-1' })]);
  });

  it('raises no review task before the review date', async () => {
    const { ports, publisher } = setUp({ reviewBy: '2026-12-01' });
    await sendWeeklySummaries(ports);
    expect(publisher.sent.map((m) => m.alert.rule)).toEqual(['weekly-summary', 'weekly-summary']);
  });

  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-04', '2027-W01'],
  ])('names the ISO week of %s as %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });
});
