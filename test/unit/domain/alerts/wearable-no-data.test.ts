import { describe, expect, it } from 'vitest';
import { checkWearableSilence } from '../../../../shared/domain/alerts/check-wearable-silence.js';
import { evaluateNoData } from '../../../../shared/domain/alerts/wearable-no-data.js';
import { alertPorts } from './in-memory-alert-ports.js';
import { SUBJECT } from './reading-builders.js';

const lastDataAt = '2026-11-17T08:00:00.000Z';

describe('evaluateNoData', () => {
  it('clears while data is younger than wearableDays', () => {
    expect(
      evaluateNoData({
        subject: SUBJECT,
        lastDataAt,
        wearableDays: 3,
        now: new Date('2026-11-20T07:59:59.999Z'),
      }),
    ).toEqual({ action: 'clear' });
  });

  it('raises a staff-facing watch alert keyed by the last-seen time once wearableDays have passed', () => {
    const decision = evaluateNoData({
      subject: SUBJECT,
      lastDataAt,
      wearableDays: 3,
      now: new Date('2026-11-20T08:00:00.000Z'),
    });
    expect(decision.action).toBe('raise');
    if (decision.action !== 'raise') return;
    expect(decision.alert).toMatchObject({
      alertKey: 'm-1#wearable-no-data#2026-11-17T08:00:00.000Z',
      rule: 'wearable-no-data',
      severity: 'watch',
      episode: '2026-11-17T08:00:00.000Z',
      thresholds: { wearableDays: 3 },
      readings: [],
    });
    expect(decision.alert.explanation).toBe(
      "No data has arrived from the member's wearable for 3 days (last seen at 08:00 GMT on 17 Nov 2026). " +
        'Please check in with the member, for example about charging, wearing or syncing the device, within ' +
        'the next few days. If you cannot reach the member, follow your usual welfare check process.',
    );
  });

  it('follows the per-member wearableDays', () => {
    const now = new Date('2026-11-20T08:00:00.000Z');
    expect(evaluateNoData({ subject: SUBJECT, lastDataAt, wearableDays: 7, now }).action).toBe('clear');
  });
});

describe('checkWearableSilence (the catch-up call)', () => {
  it('raises one alert however often the schedule runs, and clears it when data is fresh again', async () => {
    const ports = alertPorts();
    for (const now of ['2026-11-20T08:00:00.000Z', '2026-11-20T08:30:00.000Z', '2026-11-21T08:00:00.000Z']) {
      await checkWearableSilence(ports, {
        subject: SUBJECT,
        lastDataAt,
        wearableDays: 3,
        now: new Date(now),
      });
    }
    expect(ports.publisher.kinds()).toEqual(['raised']);

    const result = await checkWearableSilence(ports, {
      subject: SUBJECT,
      lastDataAt: '2026-11-21T09:00:00.000Z',
      wearableDays: 3,
      now: new Date('2026-11-21T09:30:00.000Z'),
    });
    expect(result.resolved).toEqual(['m-1#wearable-no-data#2026-11-17T08:00:00.000Z']);
    expect(ports.publisher.kinds()).toEqual(['raised', 'resolved']);
    expect(ports.publisher.sent[1]?.alert.status).toBe('resolved');
    expect(ports.publisher.sent[1]?.alert.resolvedAt).toBe('2026-11-20T09:00:05.000Z');
  });
});
