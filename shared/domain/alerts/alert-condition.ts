import type { AlertRule } from '../alert.js';

/**
 * What one episode groups. A member has at most one open episode per condition: SpO2's watch and urgent
 * rules share one, so values wobbling around 92/93% stay one episode that escalates, not a flood.
 */
export type AlertCondition =
  | 'bp-severe'
  | 'bp-low'
  | 'bp-no-readings'
  | 'resting-hr-out-of-band'
  | 'spo2-low'
  | 'link-needs-relink';

const CONDITION_OF_RULE: Partial<Record<AlertRule, AlertCondition>> = {
  'bp-severe': 'bp-severe',
  'bp-low': 'bp-low',
  'bp-no-readings': 'bp-no-readings',
  'resting-hr-out-of-band': 'resting-hr-out-of-band',
  'spo2-urgent': 'spo2-low',
  'spo2-watch': 'spo2-low',
  'link-needs-relink': 'link-needs-relink',
};

export const conditionOfRule = (rule: AlertRule): AlertCondition | undefined => CONDITION_OF_RULE[rule];

/**
 * The "open slot" an open alert holds in the store: its condition for episode rules (one open per member
 * and condition), or its own key for alerts whose key already says everything (wearable-no-data's
 * silence, a baseline import, a refused reading).
 */
export const openSlotOf = (alert: { rule: AlertRule; alertKey: string }): string =>
  conditionOfRule(alert.rule) ?? `key:${alert.alertKey}`;
