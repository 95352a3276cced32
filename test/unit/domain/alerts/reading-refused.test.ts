import { describe, expect, it } from 'vitest';
import { evaluateBpSevere } from '../../../../shared/domain/alerts/bp-severe.js';
import { evaluateRefusedReading } from '../../../../shared/domain/alerts/reading-refused.js';
import { refusedReadingReporter } from '../../../../shared/domain/alerts/report-refused-readings.js';
import { DEFAULT_THRESHOLDS } from '../../../../shared/domain/thresholds.js';
import { RecordingPublisher } from '../../../fakes/alert-publisher.js';
import { InMemoryAlertStore } from '../../../fakes/alert-store.js';
import { bp, NOW, SUBJECT } from './reading-builders.js';

const context = { subject: SUBJECT, deviceId: 'd-1', receivedAt: NOW, thresholds: DEFAULT_THRESHOLDS };

describe('reading-refused', () => {
  it.each([
    [310, 150, 'both'],
    [180, 80, 'top number'],
    [170, 120, 'bottom number'],
  ])(
    'raises a staff task for a refused %s/%s (%s at or above the severe level)',
    (systolic, diastolic, which) => {
      const alert = evaluateRefusedReading({ index: 0, reason: 'the reason', systolic, diastolic }, context);
      expect(alert).toMatchObject({ rule: 'reading-refused', severity: 'staff-task' });
      expect(alert?.explanation).toContain('because: the reason');
      expect(alert?.explanation).toContain(which);
    },
  );

  it('raises nothing for a refused 179/119', () => {
    expect(
      evaluateRefusedReading({ index: 0, reason: 'x', systolic: 179, diastolic: 119 }, context),
    ).toBeUndefined();
  });

  it('keys the task by device, day and a digest: the same refusal retried raises one task, with no values in the key', async () => {
    const ports = {
      alerts: new InMemoryAlertStore(),
      publisher: new RecordingPublisher(),
      clock: { now: () => NOW },
      thresholds: { getOverrides: async () => undefined },
    };
    const report = refusedReadingReporter(ports);
    const refusal = {
      member: { memberId: 'm-1', timezone: 'Europe/London' },
      deviceId: 'd-1',
      receivedAt: NOW,
      items: [{ index: 0, reason: 'measuredAt: Invalid input', systolic: 192, diastolic: 108 }],
    };
    await report(refusal);
    await report(refusal);
    expect(ports.publisher.sent).toHaveLength(1);
    expect(ports.publisher.sent[0]?.alert.alertKey).toMatch(
      /^m-1#reading-refused#d-1#2026-11-20#[0-9a-f]{16}$/,
    );
  });
});

describe('clock-suspect in the alert', () => {
  it('says the time shown is when the reading reached us', () => {
    const alert = evaluateBpSevere(
      {
        ...bp(192, 108),
        qualityFlags: ['clock-suspect'],
        clock: { deviceTime: '2026-11-20T08:31:00+00:00', timeSource: 'received' },
      },
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(alert?.qualityFlags).toEqual([expect.stringContaining('clock-suspect')]);
    expect(alert?.explanation).toContain('when the reading reached us');
  });

  it('says a clock-check correction was made', () => {
    const alert = evaluateBpSevere(
      {
        ...bp(192, 108),
        qualityFlags: ['clock-suspect'],
        clock: { deviceTime: '2026-11-20T08:31:00', timeSource: 'gateway-offset', offsetMinutes: 60 },
      },
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(alert?.explanation).toContain("monitor's clock was 60 minutes fast");
  });
});
