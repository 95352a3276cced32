import { describe, expect, it } from 'vitest';
import { news2Spo2Scale1Band } from '../../../../shared/domain/alerts/news2-spo2-band.js';
import { evaluateSpo2 } from '../../../../shared/domain/alerts/spo2-low.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { dailySpo2, NOW, SUBJECT } from './reading-builders.js';

const rule = (value: number, earlier: number[] = [], thresholds = DEFAULT_THRESHOLDS) =>
  evaluateSpo2(dailySpo2(value), SUBJECT, thresholds, NOW, earlier)?.rule;

describe('wrist SpO2 (overnight average)', () => {
  it.each([
    [96, undefined],
    [94.5, undefined],
    [94, 'spo2-watch'],
    [93, 'spo2-watch'],
    [92.5, 'spo2-watch'],
    [92, 'spo2-watch'],
    [89, 'spo2-watch'],
    [88, 'spo2-urgent'],
    [85, 'spo2-urgent'],
  ])('one night at %s%% with no earlier low nights gives %s', (value, expected) => {
    expect(rule(value)).toBe(expected);
  });

  it('is urgent at 92% or below on 2 of the last 3 nights', () => {
    expect(rule(92, [92])).toBe('spo2-urgent');
    expect(rule(91, [95, 90])).toBe('spo2-urgent');
    expect(rule(92, [93, 94])).toBe('spo2-watch');
    // This night must itself be low: earlier low nights alone do not make 93% urgent.
    expect(rule(93, [90, 90])).toBe('spo2-watch');
  });

  it('one low night asks for a fingertip oximeter and names the wrist overnight average', () => {
    const finding = evaluateSpo2(dailySpo2(92), SUBJECT, DEFAULT_THRESHOLDS, NOW, []);
    expect(finding?.severity).toBe('watch');
    expect(finding?.condition).toBe('spo2-low');
    expect(finding?.explanation).toContain('overnight average from a wrist device');
    expect(finding?.explanation).toContain('fingertip oximeter');
    expect(finding?.qualityFlags).toEqual(['overnight average from a wrist device']);
    expect(finding?.explanation).toContain('NEWS2 SpO2 scale 1 band: 92 to 93%');
    expect(finding?.explanation).not.toMatch(/NEWS2 score/i);
  });

  it('urgent and watch share one condition, urgent a higher tier', () => {
    const watch = evaluateSpo2(dailySpo2(93), SUBJECT, DEFAULT_THRESHOLDS, NOW, []);
    const urgent = evaluateSpo2(dailySpo2(92), SUBJECT, DEFAULT_THRESHOLDS, NOW, [92]);
    expect(watch?.condition).toBe(urgent?.condition);
    expect(urgent?.tier).toBeGreaterThan(watch?.tier ?? 0);
    expect(urgent?.explanation).toContain('on 2 of the last 3 nights');
  });

  it('follows per-member levels (an agreed lower target)', () => {
    const thresholds = mergeThresholds({ oxygenSaturation: { urgentAtOrBelow: 87, watchAtOrBelow: 89 } });
    expect(rule(90, [], thresholds)).toBeUndefined();
    expect(rule(88, [], thresholds)).toBe('spo2-watch');
    expect(rule(87, [], thresholds)).toBe('spo2-urgent');
  });

  it('NEWS2 band labels, for reference', () => {
    expect([91, 92, 93, 94, 95, 96].map(news2Spo2Scale1Band)).toEqual([
      '91% or below',
      '92 to 93%',
      '92 to 93%',
      '94 to 95%',
      '94 to 95%',
      '96% or above',
    ]);
  });
});
