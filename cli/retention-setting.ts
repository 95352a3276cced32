import type { RetentionRule } from '../shared/domain/members/retention-rule.js';
import { CliError } from './cli-error.js';

/** The deployment's retention rule for `member erase` (docs/data-protection.md). */
export const RETENTION_ENV = {
  rule: 'PULSE_RELAY_ERASURE_RETENTION',
  years: 'PULSE_RELAY_CLINICAL_RECORD_YEARS',
} as const;

/** Used when the organisation has not set its own period: the common period for adult health records. */
export const DEFAULT_CLINICAL_RECORD_YEARS = 8;

/** --retention, else PULSE_RELAY_ERASURE_RETENTION, else erase. */
export const retentionRule = (
  flag: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): RetentionRule => {
  const kind = flag ?? environment[RETENTION_ENV.rule] ?? 'erase';
  if (kind === 'erase') return { kind };
  if (kind !== 'keep-clinical-record') {
    throw new CliError('The retention rule is erase or keep-clinical-record', 2);
  }
  const rawYears = environment[RETENTION_ENV.years];
  const years = rawYears === undefined || rawYears === '' ? DEFAULT_CLINICAL_RECORD_YEARS : Number(rawYears);
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    throw new CliError(`${RETENTION_ENV.years} must be a whole number of years from 1 to 100`, 2);
  }
  return { kind, years };
};
