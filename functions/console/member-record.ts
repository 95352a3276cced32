import type { Alert } from '../../shared/domain/alert.js';
import type { BloodPressureReading } from '../../shared/domain/blood-pressure-reading.js';
import type { TeamMember } from '../../shared/domain/ports/care-team-roster.js';
import type { LinkStatus } from '../../shared/domain/ports/link-status-reader.js';
import type { ThresholdChange } from '../../shared/domain/ports/threshold-store.js';
import type { ThresholdOverrides, Thresholds } from '../../shared/domain/thresholds.js';
import type {
  DailyOxygenSaturation,
  RestingHeartRate,
  SleepSession,
  StepsDay,
  WeightReading,
} from '../../shared/domain/wearable-reading.js';

/** Periods the member page offers; 30 days by default. */
export const PERIOD_DAYS = [30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

/** Everything the member page and its print view show, read after the team check. */
export interface MemberRecord {
  member: TeamMember;
  days: PeriodDays;
  from: Date;
  to: Date;
  bloodPressure: BloodPressureReading[];
  restingHeartRate: RestingHeartRate[];
  steps: StepsDay[];
  sleep: SleepSession[];
  oxygen: DailyOxygenSaturation[];
  weight: WeightReading[];
  /** With the types Google refused on the latest sync (the member unticked them at consent). */
  link: LinkStatus | undefined;
  thresholds: Thresholds;
  overrides: ThresholdOverrides | undefined;
  /** Every change to the member's threshold overrides, newest first (`thresholds set`). */
  thresholdHistory: ThresholdChange[];
  alerts: Alert[];
}
