import { mergeThresholds, type ThresholdOverrides } from '../../shared/domain/thresholds.js';
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

const describeIssues = (error: unknown): string =>
  error instanceof Error && 'issues' in error && Array.isArray(error.issues)
    ? error.issues
        .map((issue: { path: unknown[]; message: string }) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')
    : String(error);

export const thresholdsSet = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
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
  let thresholds: ReturnType<typeof mergeThresholds>;
  try {
    thresholds = mergeThresholds(overrides as ThresholdOverrides);
  } catch (error) {
    throw new CliError(`Thresholds not saved: ${describeIssues(error)}`, 2);
  }
  if (thresholds.oxygenSaturation.urgentAtOrBelow >= thresholds.oxygenSaturation.watchAtOrBelow) {
    throw new CliError('Thresholds not saved: the SpO2 urgent level must be below the watch level', 2);
  }
  if (thresholds.restingHeartRate.low >= thresholds.restingHeartRate.high) {
    throw new CliError(
      'Thresholds not saved: the resting heart rate low bound must be below the high bound',
      2,
    );
  }
  await context.thresholds.setOverrides(memberId, overrides as ThresholdOverrides);
  return { memberId, overrides, thresholds };
};

export const thresholdsGet = async (options: Record<string, unknown>, context: CliContext) => {
  const memberId = requiredOption(options, 'member');
  const overrides = (await context.thresholds.getOverrides(memberId)) ?? {};
  return { memberId, overrides, thresholds: mergeThresholds(overrides) };
};
