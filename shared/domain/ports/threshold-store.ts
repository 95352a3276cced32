import type { ThresholdOverrides } from '../thresholds.js';

/** One change to a member's threshold overrides: the whole new set, who made it, why, and when to review it. */
export interface ThresholdChange {
  overrides: ThresholdOverrides;
  setBy: string;
  reason: string;
  /** Member-free civil date (YYYY-MM-DD) by which a clinician should look at the overrides again. */
  reviewBy: string;
  setAt: string;
  /** Rules this change switches off (only allowed with --allow-disable), e.g. ['bp-low']. */
  disabledRules: string[];
}

export interface ThresholdStore {
  getOverrides(memberId: string): Promise<ThresholdOverrides | undefined>;
  /** Replaces the member's overrides and appends the change to their history, in one transaction. */
  setOverrides(memberId: string, change: ThresholdChange): Promise<void>;
}

/** The audit side: the current change (with its review date) and every earlier one. */
export interface ThresholdAuditStore extends ThresholdStore {
  /** The change now in force, or undefined when the member has never had overrides (or only pre-audit ones). */
  getCurrent(memberId: string): Promise<ThresholdChange | undefined>;
  /** Every change, newest first. */
  listHistory(memberId: string): Promise<ThresholdChange[]>;
}
