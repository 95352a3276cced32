import { describe, expect, it } from 'vitest';
import { evaluateBpSevere } from '../../../../shared/domain/alerts/bp-severe.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { bp, cleanStatus, NOW, SUBJECT } from './reading-builders.js';

describe('bp-severe', () => {
  it.each([
    [179, 119],
    [179, 80],
    [150, 119],
  ])('does not fire on %i/%i', (systolic, diastolic) => {
    expect(evaluateBpSevere(bp(systolic, diastolic), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toBeUndefined();
  });

  it.each([
    [180, 80],
    [120, 120],
    [200, 121],
  ])('fires urgent on %i/%i', (systolic, diastolic) => {
    const alert = evaluateBpSevere(bp(systolic, diastolic), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.severity).toBe('urgent');
    expect(alert?.readings).toEqual([
      {
        metric: 'blood-pressure',
        measuredAt: '2026-11-20T07:31:00.000Z',
        values: { systolic, diastolic },
        source: 'bluetooth-0x2a35',
      },
    ]);
  });

  it('builds the full alert: key, episode, thresholds, guidance and plain explanation', () => {
    const alert = evaluateBpSevere(bp(184, 102), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert).toEqual({
      schemaVersion: '1.0',
      alertKey: 'm-1#bp-severe#2026-11-20',
      memberId: 'm-1',
      memberName: 'Sam Example',
      memberTimezone: 'Europe/London',
      rule: 'bp-severe',
      severity: 'urgent',
      episode: '2026-11-20',
      raisedAt: '2026-11-20T09:00:00.000Z',
      status: 'open',
      readings: [
        {
          metric: 'blood-pressure',
          measuredAt: '2026-11-20T07:31:00.000Z',
          values: { systolic: 184, diastolic: 102 },
          source: 'bluetooth-0x2a35',
        },
      ],
      thresholds: { severeSystolic: 180, severeDiastolic: 120 },
      explanation:
        'A home blood pressure reading of 184/102 mmHg at 07:31 GMT on 20 Nov 2026 is at or above the severe ' +
        'level of 180/120. Please contact the member and review; a single home reading cannot confirm severe ' +
        'hypertension on its own.',
      guidance: {
        name: 'NICE NG136 Hypertension in adults: severe hypertension is 180/120 or more',
        reference: 'https://www.nice.org.uk/guidance/ng136',
      },
      qualityFlags: [],
    });
  });

  it('never words the alert as a diagnosis', () => {
    const alert = evaluateBpSevere(bp(190, 125), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.explanation).toContain('contact the member and review');
    expect(alert?.explanation).not.toMatch(/\bhas (severe )?hypertension\b|diagnos/i);
  });

  it('uses the member override instead of the NICE default', () => {
    const thresholds = mergeThresholds({ bloodPressure: { severeSystolic: 170 } });
    expect(evaluateBpSevere(bp(172, 90), SUBJECT, thresholds, NOW)?.thresholds).toEqual({
      severeSystolic: 170,
      severeDiastolic: 120,
    });
    expect(evaluateBpSevere(bp(169, 90), SUBJECT, thresholds, NOW)).toBeUndefined();
  });

  it('puts the monitor quality flags in the alert and the explanation', () => {
    const alert = evaluateBpSevere(
      bp(185, 100, '2026-11-20T07:31:00.000Z', { ...cleanStatus, irregularPulse: true }),
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(alert?.qualityFlags).toEqual(['the monitor reported an irregular pulse']);
    expect(alert?.explanation).toContain(
      'The monitor reported an irregular pulse, so the reading may be less reliable.',
    );
  });

  describe('episode is the member-local date (BST aware)', () => {
    it('a BST evening reading at 23:30 UTC belongs to the next local day', () => {
      const alert = evaluateBpSevere(
        bp(181, 90, '2026-07-14T23:30:00.000Z'),
        SUBJECT,
        DEFAULT_THRESHOLDS,
        NOW,
      );
      expect(alert?.episode).toBe('2026-07-15');
      expect(alert?.alertKey).toBe('m-1#bp-severe#2026-07-15');
      expect(alert?.explanation).toContain('00:30 BST on 15 Jul 2026');
    });

    it('the same UTC time in winter stays on the same local day', () => {
      const alert = evaluateBpSevere(
        bp(181, 90, '2026-01-14T23:30:00.000Z'),
        SUBJECT,
        DEFAULT_THRESHOLDS,
        NOW,
      );
      expect(alert?.episode).toBe('2026-01-14');
    });

    it('two severe readings on one local day share a key; across local midnight they do not', () => {
      const morning = evaluateBpSevere(
        bp(181, 90, '2026-10-25T00:30:00.000Z'),
        SUBJECT,
        DEFAULT_THRESHOLDS,
        NOW,
      );
      const evening = evaluateBpSevere(
        bp(195, 90, '2026-10-25T22:00:00.000Z'),
        SUBJECT,
        DEFAULT_THRESHOLDS,
        NOW,
      );
      const previous = evaluateBpSevere(
        bp(185, 90, '2026-10-24T23:30:00.000Z'),
        SUBJECT,
        DEFAULT_THRESHOLDS,
        NOW,
      );
      expect(morning?.alertKey).toBe(evening?.alertKey);
      // 23:30 UTC on 24 Oct is 00:30 BST on 25 Oct (clocks go back at 01:00 UTC that morning).
      expect(previous?.alertKey).toBe(morning?.alertKey);
    });
  });

  it('says when a reading arrived days after it was taken', () => {
    const alert = evaluateBpSevere(bp(181, 90, '2026-11-17T07:00:00.000Z'), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.explanation).toContain('This data reached us 3 days after it was taken.');
  });
});
