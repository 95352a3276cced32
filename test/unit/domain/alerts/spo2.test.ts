import { describe, expect, it } from 'vitest';
import { news2Spo2Scale1Band } from '../../../../shared/domain/alerts/news2-spo2-band.js';
import { evaluateSpo2Urgent } from '../../../../shared/domain/alerts/spo2-urgent.js';
import { evaluateSpo2Watch } from '../../../../shared/domain/alerts/spo2-watch.js';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../../shared/domain/thresholds.js';
import { dailySpo2, NOW, SUBJECT } from './reading-builders.js';

const both = (value: number, thresholds = DEFAULT_THRESHOLDS) =>
  [
    evaluateSpo2Urgent(dailySpo2(value), SUBJECT, thresholds, NOW),
    evaluateSpo2Watch(dailySpo2(value), SUBJECT, thresholds, NOW),
  ].flatMap((alert) => (alert === undefined ? [] : [alert.rule]));

describe('spo2 rules', () => {
  it.each([
    [96, []],
    [95, []],
    [94.5, []],
    [94, ['spo2-watch']],
    [93, ['spo2-watch']],
    [92.5, ['spo2-watch']],
    [92, ['spo2-urgent']],
    [88, ['spo2-urgent']],
  ])('an average of %s fires %j (urgent inhibits watch)', (value, rules) => {
    expect(both(value)).toEqual(rules);
  });

  it('urgent cites oximetry@home and the NEWS2 band without calling it a score', () => {
    const alert = evaluateSpo2Urgent(dailySpo2(91), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.severity).toBe('urgent');
    expect(alert?.alertKey).toBe('m-1#spo2-urgent#2026-11-19');
    expect(alert?.thresholds).toEqual({ urgentAtOrBelow: 92 });
    expect(alert?.guidance.reference).toBe('https://www.england.nhs.uk/nhs-at-home/covid-oximetry-at-home/');
    expect(alert?.explanation).toContain('for 19 Nov 2026 was 91%, at or below the urgent level of 92%');
    expect(alert?.explanation).toContain('NEWS2 SpO2 scale 1 band: 91% or below');
    expect(alert?.explanation).not.toMatch(/NEWS2 score/i);
  });

  it('watch carries both thresholds it looked at', () => {
    const alert = evaluateSpo2Watch(dailySpo2(94), SUBJECT, DEFAULT_THRESHOLDS, NOW);
    expect(alert?.severity).toBe('watch');
    expect(alert?.thresholds).toEqual({ watchAtOrBelow: 94, urgentAtOrBelow: 92 });
    expect(alert?.readings[0]?.values).toEqual({ averagePercentage: 94 });
  });

  it('follows per-member levels (e.g. a member with COPD and an agreed lower target)', () => {
    const thresholds = mergeThresholds({ oxygenSaturation: { urgentAtOrBelow: 87, watchAtOrBelow: 89 } });
    expect(both(90, thresholds)).toEqual([]);
    expect(both(88, thresholds)).toEqual(['spo2-watch']);
    expect(both(87, thresholds)).toEqual(['spo2-urgent']);
  });

  it.each([
    [91, '91% or below'],
    [92, '92 to 93%'],
    [93, '92 to 93%'],
    [94, '94 to 95%'],
    [95, '94 to 95%'],
    [96, '96% or above'],
  ])('NEWS2 scale 1 reference band of %i is %s', (value, band) => {
    expect(news2Spo2Scale1Band(value)).toBe(band);
  });
});
