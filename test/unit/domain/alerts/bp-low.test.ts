import { describe, expect, it } from 'vitest';
import { evaluateBpLow } from '../../../../shared/domain/alerts/bp-low.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { bp, cleanStatus, NOW, SUBJECT } from './reading-builders.js';

describe('bp-low', () => {
  it('does not fire at the low level itself (90)', () => {
    expect(evaluateBpLow(bp(90, 60), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toBeUndefined();
  });

  it('fires watch below it, citing the secondary source', () => {
    const alert = evaluateBpLow(bp(89, 58), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.severity).toBe('watch');
    expect(alert?.alertKey).toBe('m-1#bp-low#2026-11-20');
    expect(alert?.thresholds).toEqual({ lowSystolic: 90 });
    expect(alert?.readings[0]?.values).toEqual({ systolic: 89 });
    expect(alert?.guidance.name).toContain('secondary sources');
    expect(alert?.explanation).toContain('89/58 mmHg at 07:31 GMT on 20 Nov 2026');
  });

  it('is silent when the member has it turned off', () => {
    const thresholds = mergeThresholds({ bloodPressure: { lowSystolicEnabled: false } });
    expect(evaluateBpLow(bp(80, 50), SUBJECT, thresholds, NOW)).toBeUndefined();
  });

  it('follows a per-member low level', () => {
    const thresholds = mergeThresholds({ bloodPressure: { lowSystolic: 100 } });
    expect(evaluateBpLow(bp(99, 60), SUBJECT, thresholds, NOW)?.thresholds).toEqual({ lowSystolic: 100 });
  });

  it('lists every quality flag in plain words', () => {
    const alert = evaluateBpLow(
      bp(85, 55, '2026-11-20T07:31:00.000Z', {
        ...cleanStatus,
        cuffTooLoose: true,
        bodyMovement: true,
        improperPosition: true,
        pulseRateRange: 2,
      }),
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(alert?.qualityFlags).toEqual([
      'the monitor reported the cuff was too loose',
      'the monitor reported body movement during the reading',
      'the monitor reported the cuff was not in the right position',
      'the monitor reported the pulse was below its range',
    ]);
    expect(alert?.explanation).toContain(
      'The monitor reported the cuff was too loose, the monitor reported body movement during the reading, ' +
        'the monitor reported the cuff was not in the right position and the monitor reported the pulse was ' +
        'below its range, so the reading may be less reliable.',
    );
  });
});
