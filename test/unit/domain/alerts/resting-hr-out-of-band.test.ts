import { describe, expect, it } from 'vitest';
import { evaluateRestingHeartRate } from '../../../../shared/domain/alerts/resting-hr-out-of-band.js';
import { DEFAULT_THRESHOLDS } from '../../../../shared/domain/thresholds.js';
import { NOW, restingHr, SUBJECT } from './reading-builders.js';

describe('resting-hr-out-of-band (NEWS2 pulse bands)', () => {
  it.each([
    [39, 'urgent', 2],
    [40, 'urgent', 2],
    [41, 'watch', 1],
    [50, 'watch', 1],
    [111, 'watch', 1],
    [130, 'watch', 1],
    [131, 'urgent', 2],
    [150, 'urgent', 2],
  ])('%i bpm is %s (tier %i)', (bpm, severity, tier) => {
    const finding = evaluateRestingHeartRate(restingHr(bpm), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(finding?.severity).toBe(severity);
    expect(finding?.tier).toBe(tier);
    expect(finding?.condition).toBe('resting-hr-out-of-band');
  });

  it.each([51, 62, 100, 110])('%i bpm is normal', (bpm) => {
    expect(evaluateRestingHeartRate(restingHr(bpm), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toBeUndefined();
  });

  it('the lower bound of 40 is urgent, not silent, and says when to call 999', () => {
    const finding = evaluateRestingHeartRate(restingHr(40), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(finding?.explanation).toContain('Slow resting heart rate');
    expect(finding?.explanation).toContain('40 or below');
    expect(finding?.explanation).toContain('contact the member today');
    expect(finding?.explanation).toContain('999');
  });
});
