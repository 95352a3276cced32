import { describe, expect, it } from 'vitest';
import { evaluateRestingHeartRate } from '../../../../shared/domain/alerts/resting-hr-out-of-band.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { NOW, restingHr, SUBJECT } from './reading-builders.js';

describe('resting-hr-out-of-band', () => {
  it.each([40, 70, 100])('is silent inside the band at %i bpm', (bpm) => {
    expect(evaluateRestingHeartRate(restingHr(bpm), SUBJECT, DEFAULT_THRESHOLDS, NOW)).toBeUndefined();
  });

  it('fires watch above the band, keyed by the local date', () => {
    const alert = evaluateRestingHeartRate(restingHr(101), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.severity).toBe('watch');
    expect(alert?.alertKey).toBe('m-1#resting-hr-out-of-band#2026-11-19');
    expect(alert?.thresholds).toEqual({ low: 40, high: 100 });
    expect(alert?.readings[0]?.values).toEqual({ beatsPerMinute: 101 });
    expect(alert?.explanation).toBe(
      "The member's resting heart rate from their wearable for 19 Nov 2026 was 101 beats per minute, above " +
        'the upper limit of 100 set for them. Please check in with the member and review.',
    );
  });

  it('fires below the band', () => {
    const alert = evaluateRestingHeartRate(restingHr(39), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.explanation).toContain('39 beats per minute, below the lower limit of 40');
  });

  it('follows a per-member band', () => {
    const thresholds = mergeThresholds({ restingHeartRate: { high: 120 } });
    expect(evaluateRestingHeartRate(restingHr(110), SUBJECT, thresholds, NOW)).toBeUndefined();
  });
});
