import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  disabledRulesOf,
  findOverrideProblems,
  resolveThresholds,
} from '../../../shared/domain/thresholds.js';

describe('resolveThresholds: each field falls back to its own default', () => {
  it('keeps the valid overrides when one field is invalid', () => {
    const { thresholds, ignored } = resolveThresholds({
      bloodPressure: { severeSystolic: 260, severeDiastolic: 110 },
      oxygenSaturation: { urgentAtOrBelow: 90 },
    });
    expect(thresholds.bloodPressure.severeSystolic).toBe(180);
    expect(thresholds.bloodPressure.severeDiastolic).toBe(110);
    expect(thresholds.oxygenSaturation.urgentAtOrBelow).toBe(90);
    expect(ignored).toEqual([expect.stringMatching(/^bloodPressure\.severeSystolic: /)]);
  });

  it.each([
    ['severeSystolic', 200, 200],
    ['severeSystolic', 201, 180],
    ['severeDiastolic', 130, 130],
    ['severeDiastolic', 131, 120],
  ])('caps %s: %s gives %s', (field, value, used) => {
    const { thresholds } = resolveThresholds({ bloodPressure: { [field]: value } });
    expect(thresholds.bloodPressure[field as 'severeSystolic']).toBe(used);
  });

  it('ignores wrong types, unknown fields and unknown sections without throwing', () => {
    const { thresholds, ignored } = resolveThresholds({
      bloodPressure: { lowSystolicEnabled: 'no', colour: 3 },
      mood: { low: 1 },
      noData: 'seven',
    });
    expect(thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(ignored).toHaveLength(4);
  });

  it('falls back as a pair when the SpO2 urgent level is not below the watch level', () => {
    const { thresholds, ignored } = resolveThresholds({
      oxygenSaturation: { urgentAtOrBelow: 95, watchAtOrBelow: 94 },
      restingHeartRate: { high: 110 },
    });
    expect(thresholds.oxygenSaturation).toEqual(DEFAULT_THRESHOLDS.oxygenSaturation);
    expect(thresholds.restingHeartRate.high).toBe(110);
    expect(ignored).toHaveLength(1);
  });

  it('treats no overrides as the defaults, with nothing ignored', () => {
    expect(resolveThresholds(undefined)).toEqual({ thresholds: DEFAULT_THRESHOLDS, ignored: [] });
  });
});

describe('override checks for thresholds set', () => {
  it('refuses 260/160, which would switch the severe alert off', () => {
    expect(
      findOverrideProblems({ bloodPressure: { severeSystolic: 260, severeDiastolic: 160 } }),
    ).toHaveLength(2);
  });

  it('names switching off the low blood pressure rule as a disable', () => {
    expect(disabledRulesOf({ bloodPressure: { lowSystolicEnabled: false } })).toEqual(['bp-low']);
    expect(disabledRulesOf({ bloodPressure: { lowSystolicEnabled: true, lowSystolic: 85 } })).toEqual([]);
  });
});
