import { describe, expect, it } from 'vitest';
import { evaluateBpLow } from '../../../../shared/domain/alerts/bp-low.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { bp, NOW, SUBJECT } from './reading-builders.js';

describe('bp-low (below 90/60)', () => {
  it.each([
    [90, 60],
    [120, 80],
  ])('does not fire on %i/%i', (systolic, diastolic) => {
    expect(evaluateBpLow(bp(systolic, diastolic), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toBeUndefined();
  });

  it.each([
    [89, 60, 'top number (systolic, 89) is below 90'],
    [100, 59, 'bottom number (diastolic, 59) is below 60'],
    [85, 55, 'top number (systolic, 85) is below 90 and the bottom number (diastolic, 55) is below 60'],
  ])('fires watch on %i/%i naming the component', (systolic, diastolic, words) => {
    const finding = evaluateBpLow(bp(systolic, diastolic), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(finding?.severity).toBe('watch');
    expect(finding?.thresholds).toEqual({ lowSystolic: 90, lowDiastolic: 60 });
    expect(finding?.explanation).toContain(words);
    expect(finding?.explanation).toContain('within a day');
    expect(finding?.explanation).toContain('999');
  });

  it('follows the member override and can be switched off', () => {
    const raised = mergeThresholds({ bloodPressure: { lowSystolic: 100 } });
    expect(evaluateBpLow(bp(99, 65), SUBJECT, raised, NOW)?.thresholds).toEqual({
      lowSystolic: 100,
      lowDiastolic: 60,
    });
    const off = mergeThresholds({ bloodPressure: { lowSystolicEnabled: false } });
    expect(evaluateBpLow(bp(80, 50), SUBJECT, off, NOW)).toBeUndefined();
  });
});
