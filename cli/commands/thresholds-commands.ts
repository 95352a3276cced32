import {
  disabledRulesOf,
  findOverrideProblems,
  mergeThresholds,
  resolveThresholds,
  type ThresholdOverrides,
} from '../../shared/domain/thresholds.js';
import type { CliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { optionalOption, requiredOption } from '../options.js';

/** Flag -> [section, field]. The flag names are the public contract of `thresholds set`. */
export const THRESHOLD_FLAGS = {
  'bp-severe-systolic': ['bloodPressure', 'severeSystolic'],
  'bp-severe-diastolic': ['bloodPressure', 'severeDiastolic'],
  'bp-low-systolic': ['bloodPressure', 'lowSystolic'],
  'bp-low-enabled': ['bloodPressure', 'lowSystolicEnabled'],
  'bp-low-diastolic': ['bloodPressure', 'lowDiastolic'],
  'resting-hr-low': ['restingHeartRate', 'low'],
  'resting-hr-watch-at-or-below': ['restingHeartRate', 'watchAtOrBelow'],
  'resting-hr-watch-at-or-above': ['restingHeartRate', 'watchAtOrAbove'],
  'resting-hr-high': ['restingHeartRate', 'high'],
  'spo2-urgent-at-or-below': ['oxygenSaturation', 'urgentAtOrBelow'],
  'spo2-watch-at-or-below': ['oxygenSaturation', 'watchAtOrBelow'],
  'spo2-single-night-urgent-at-or-below': ['oxygenSaturation', 'singleNightUrgentAtOrBelow'],
  'no-data-days': ['noData', 'wearableDays'],
  'bp-no-readings-days': ['noData', 'bloodPressureDays'],
} as const;

const parseFlagValue = (flag: string, raw: string): number | boolean => {
  if (flag === 'bp-low-enabled') {
    if (raw !== 'true' && raw !== 'false') throw new CliError(`--${flag} must be true or false`, 2);
    return raw === 'true';
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new CliError(`--${flag} must be a number`, 2);
  return value;
};

/** A review date is required by policy; when not given it is this many days after the change. */
export const DEFAULT_REVIEW_DAYS = 90;

const reviewByOf = (options: Record<string, unknown>, now: Date): string => {
  const raw = optionalOption(options, 'review-by');
  if (raw === undefined) {
    return new Date(now.getTime() + DEFAULT_REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
  }
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
  if (!valid) throw new CliError('--review-by must be a date, YYYY-MM-DD', 2);
  if (raw <= now.toISOString().slice(0, 10)) throw new CliError('--review-by must be a date after today', 2);
  return raw;
};

/**
 * thresholds set --member ID --by NAME --reason TEXT [--review-by YYYY-MM-DD] [--allow-disable] --<flag> V...
 * Every change names its author and reason and gets a review date (default 90 days), and is kept in the
 * member's history. Values outside their limits (severe BP at most 200/130) are refused, not saved; switching
 * a rule off (--bp-low-enabled false) needs --allow-disable.
 */
export const thresholdsSet = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  const setBy = requiredOption(options, 'by');
  const reason = requiredOption(options, 'reason');
  const now = context.clock.now();
  const reviewBy = reviewByOf(options, now);
  if ((await context.directory.getMember(memberId)) === undefined)
    throw new CliError(`No member with id ${memberId}`);
  const overrides: Record<string, Record<string, number | boolean>> = structuredClone(
    ((await context.thresholds.getOverrides(memberId)) ?? {}) as Record<
      string,
      Record<string, number | boolean>
    >,
  );
  let changed = 0;
  for (const [flag, [section, field]] of Object.entries(THRESHOLD_FLAGS)) {
    const raw = optionalOption(options, flag);
    if (raw === undefined) continue;
    overrides[section] = { ...overrides[section], [field]: parseFlagValue(flag, raw) };
    changed += 1;
  }
  if (changed === 0) {
    throw new CliError(
      `Give at least one of: ${Object.keys(THRESHOLD_FLAGS)
        .map((f) => `--${f}`)
        .join(', ')}`,
      2,
    );
  }
  const problems = findOverrideProblems(overrides as ThresholdOverrides);
  if (problems.length > 0) throw new CliError(`Thresholds not saved: ${problems.join('; ')}`, 2);
  const disabledRules = disabledRulesOf(overrides as ThresholdOverrides);
  if (disabledRules.length > 0 && options['allow-disable'] !== true) {
    throw new CliError(
      `Thresholds not saved: this switches off ${disabledRules.join(', ')}; add --allow-disable to confirm`,
      2,
    );
  }
  const change = {
    overrides: overrides as ThresholdOverrides,
    setBy,
    reason,
    reviewBy,
    setAt: now.toISOString(),
    disabledRules,
  };
  await context.thresholds.setOverrides(memberId, change);
  return { memberId, ...change, thresholds: mergeThresholds(change.overrides) };
};

export const thresholdsGet = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  const overrides = (await context.thresholds.getOverrides(memberId)) ?? {};
  const { thresholds, ignored } = resolveThresholds(overrides);
  const current = await context.thresholds.getCurrent(memberId);
  return {
    memberId,
    overrides,
    thresholds,
    ...(ignored.length === 0 ? {} : { ignored }),
    ...(current === undefined
      ? {}
      : { setBy: current.setBy, reason: current.reason, setAt: current.setAt, reviewBy: current.reviewBy }),
  };
};

/** thresholds history --member ID: every change, newest first, with who, when, why and the review date. */
export const thresholdsHistory = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  return { memberId, changes: await context.thresholds.listHistory(memberId) };
};
