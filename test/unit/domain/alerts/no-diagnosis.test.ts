import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY } from '../../../../shared/domain/alerts/alert-policy.js';
import { addToBaselineSummary } from '../../../../shared/domain/alerts/baseline-summary.js';
import { evaluateBpLow } from '../../../../shared/domain/alerts/bp-low.js';
import { evaluateBpSilence } from '../../../../shared/domain/alerts/bp-no-readings.js';
import { evaluateBpSevere } from '../../../../shared/domain/alerts/bp-severe.js';
import { buildRelinkAlert } from '../../../../shared/domain/alerts/link-needs-relink.js';
import { evaluateRestingHeartRate } from '../../../../shared/domain/alerts/resting-hr-out-of-band.js';
import { evaluateSpo2 } from '../../../../shared/domain/alerts/spo2-low.js';
import { evaluateNoData } from '../../../../shared/domain/alerts/wearable-no-data.js';
import { DEFAULT_THRESHOLDS as T } from '../../../../shared/domain/thresholds.js';
import { bp, cleanStatus, dailySpo2, NOW, restingHr, SUBJECT } from './reading-builders.js';

const severe = evaluateBpSevere(
  bp(232, 134, undefined, { ...cleanStatus, irregularPulse: true }),
  SUBJECT,
  T,
  NOW,
);
const noData = evaluateNoData({
  subject: SUBJECT,
  lastDataAt: '2026-11-10T08:00:00Z',
  wearableDays: 3,
  now: NOW,
});

/** Every rule's explanation, at its most alarming. */
const EXPLANATIONS: Record<string, string | undefined> = {
  'bp-severe': severe?.explanation,
  'bp-low': evaluateBpLow(bp(80, 50), SUBJECT, T, NOW)?.explanation,
  'resting-hr-out-of-band (urgent)': evaluateRestingHeartRate(restingHr(38), SUBJECT, T, NOW)?.explanation,
  'resting-hr-out-of-band (watch)': evaluateRestingHeartRate(restingHr(115), SUBJECT, T, NOW)?.explanation,
  'spo2-urgent': evaluateSpo2(dailySpo2(86), SUBJECT, T, NOW, [90])?.explanation,
  'spo2-watch': evaluateSpo2(dailySpo2(92), SUBJECT, T, NOW, [])?.explanation,
  'wearable-no-data': noData.action === 'raise' ? noData.alert.explanation : undefined,
  'link-needs-relink': buildRelinkAlert({
    memberId: 'm-1',
    detectedAt: NOW.toISOString(),
    timezone: 'Europe/London',
  }).explanation,
  'bp-no-readings': evaluateBpSilence({
    subject: SUBJECT,
    monitorSince: '2026-11-01T00:00:00Z',
    days: 7,
    now: NOW,
  })?.explanation,
  'baseline-summary':
    severe === undefined
      ? undefined
      : addToBaselineSummary(
          undefined,
          [severe],
          SUBJECT,
          { source: 'blood-pressure monitor', importId: 'd-1', registeredAt: NOW.toISOString() },
          DEFAULT_ALERT_POLICY,
          NOW,
        )?.explanation,
};

describe('no alert is worded as a diagnosis (every rule)', () => {
  it.each(Object.entries(EXPLANATIONS))('%s', (_rule, explanation) => {
    expect(explanation).toBeDefined();
    expect(explanation).not.toMatch(
      /diagnos|\bhas (severe |high |low )?(hypertension|hypotension|hypoxia|atrial fibrillation|an? (arrhythmia|heart))|\bis (hypertensive|hypotensive|hypoxic)|\bsuffer/i,
    );
    expect(explanation).toMatch(/What to do:/);
  });

  it('an irregular pulse is something that "may" be a rhythm problem for the GP, never a finding', () => {
    expect(severe?.explanation).toContain('an irregular pulse may be a sign of a heart-rhythm problem');
    expect(severe?.explanation).toContain('GP should check');
  });
});
