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
    [180, 80, 1],
    [120, 120, 1],
    [200, 121, 1],
    [219, 100, 1],
    [220, 100, 2],
    [232, 134, 2],
  ])('fires urgent on %i/%i with tier %i (NEWS2 systolic band 3 from 220)', (systolic, diastolic, tier) => {
    const finding = evaluateBpSevere(bp(systolic, diastolic), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(finding?.severity).toBe('urgent');
    expect(finding?.condition).toBe('bp-severe');
    expect(finding?.tier).toBe(tier);
    expect(finding?.peak).toBe(systolic);
    expect(finding?.reading).toEqual({
      metric: 'blood-pressure',
      measuredAt: '2026-11-20T07:31:00.000Z',
      values: { systolic, diastolic },
      source: 'bluetooth-0x2a35',
    });
  });

  it('names the component that crossed: systolic only, diastolic only, or both', () => {
    const systolic = evaluateBpSevere(bp(184, 102), SUBJECT, DEFAULT_THRESHOLDS, NOW)?.explanation;
    expect(systolic).toContain('the top number (systolic, 184) is at or above 180');
    expect(systolic).not.toContain('bottom number');
    const diastolic = evaluateBpSevere(bp(179, 120), SUBJECT, DEFAULT_THRESHOLDS, NOW)?.explanation;
    expect(diastolic).toContain('the bottom number (diastolic, 120) is at or above 120');
    expect(diastolic).not.toContain('top number (systolic');
    const both = evaluateBpSevere(bp(190, 125), SUBJECT, DEFAULT_THRESHOLDS, NOW)?.explanation;
    expect(both).toContain('systolic, 190) is at or above 180 and the bottom number (diastolic, 125)');
  });

  it('says what to do, by when, and when to advise 999 or 111', () => {
    const text = evaluateBpSevere(bp(184, 102), SUBJECT, DEFAULT_THRESHOLDS, NOW)?.explanation ?? '';
    expect(text).toContain('contact the member today');
    for (const symptom of [
      'chest pain',
      'severe headache',
      'confusion',
      'breathlessness',
      'eyesight',
      'weakness',
    ])
      expect(text).toContain(symptom);
    expect(text).toContain('call 999 now');
    expect(text).toContain('NHS 111');
    expect(text).toContain('07:31 GMT on 20 Nov 2026');
  });

  it('uses the member override instead of the NICE default', () => {
    const thresholds = mergeThresholds({ bloodPressure: { severeSystolic: 170 } });
    expect(evaluateBpSevere(bp(172, 90), SUBJECT, thresholds, NOW)?.thresholds).toEqual({
      severeSystolic: 170,
      severeDiastolic: 120,
    });
    expect(evaluateBpSevere(bp(169, 90), SUBJECT, thresholds, NOW)).toBeUndefined();
  });

  it('says what an irregular-pulse flag may mean, never that the member has a condition', () => {
    const finding = evaluateBpSevere(
      bp(185, 100, '2026-11-20T07:31:00.000Z', { ...cleanStatus, irregularPulse: true, bodyMovement: true }),
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(finding?.qualityFlags).toEqual([
      'the monitor reported an irregular pulse',
      'the monitor reported body movement during the reading',
    ]);
    expect(finding?.explanation).toContain(
      'body movement during the reading, so the reading may be less reliable.',
    );
    expect(finding?.explanation).toContain('an irregular pulse may be a sign of a heart-rhythm problem');
    expect(finding?.explanation).not.toMatch(/\bhas (an? )?(atrial|irregular|heart)/i);
  });

  it('shows the time in the member zone across the clock change (BST)', () => {
    const finding = evaluateBpSevere(
      bp(181, 90, '2026-07-14T23:30:00.000Z'),
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(finding?.explanation).toContain('00:30 BST on 15 Jul 2026');
  });

  it('says when a reading reached us days later', () => {
    const finding = evaluateBpSevere(
      bp(181, 90, '2026-11-17T07:00:00.000Z'),
      SUBJECT,
      DEFAULT_THRESHOLDS,
      NOW,
    );
    expect(finding?.explanation).toContain('This reading reached us 3 days later than it was taken');
  });
});
