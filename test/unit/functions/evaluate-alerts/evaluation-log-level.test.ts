import { describe, expect, it } from 'vitest';
import {
  type EvaluationSummary,
  evaluationLogLevel,
} from '../../../../functions/evaluate-alerts/evaluate-record.js';

const quiet: EvaluationSummary = {
  metric: 'steps',
  episodes: [],
  baseline: false,
  averages: [],
  resolved: 0,
  fallbacks: [],
};

describe('evaluationLogLevel', () => {
  it('keeps the usual reading that crossed nothing at DEBUG (not written at the INFO log level)', () => {
    expect(evaluationLogLevel(quiet)).toBe('debug');
    expect(evaluationLogLevel({ ...quiet, episodes: [{ outcome: 'unchanged' }] })).toBe('debug');
  });

  it.each<[string, Partial<EvaluationSummary>]>([
    ['a raised episode', { episodes: [{ outcome: 'unchanged' }, { outcome: 'raised' }] }],
    ['an extended episode', { episodes: [{ outcome: 'extended' }] }],
    ['an escalated episode', { episodes: [{ outcome: 'escalated' }] }],
    ['a normal reading counted towards resolution', { episodes: [{ outcome: 'counted-normal' }] }],
    ['a resolved episode', { episodes: [{ outcome: 'resolved' }], resolved: 1 }],
    ['a baseline', { baseline: true }],
    ['a home average raised', { averages: [{ outcome: 'raised' }] }],
    ['a fallback to default thresholds', { fallbacks: ['invalid-overrides'] }],
  ])('writes %s at INFO', (_what, change) => {
    expect(evaluationLogLevel({ ...quiet, ...change })).toBe('info');
  });
});
