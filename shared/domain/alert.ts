export const ALERT_SCHEMA_VERSION = '1.0';

export type AlertSeverity = 'urgent' | 'watch' | 'staff-task';

export type AlertRule =
  | 'bp-severe'
  | 'bp-low'
  | 'resting-hr-out-of-band'
  | 'spo2-urgent'
  | 'spo2-watch'
  | 'wearable-no-data'
  | 'link-needs-relink'
  | 'link-scope-refused';

export interface AlertReadingRef {
  metric: string;
  measuredAt: string;
  /** Only the values the rule looked at, e.g. {systolic: 184, diastolic: 102}. */
  values: Record<string, number>;
  source: string;
}

/** The care-team alert message. Versioned: see docs/alert-message.md. */
export interface Alert {
  schemaVersion: typeof ALERT_SCHEMA_VERSION;
  /** (member, rule, episode): the idempotency key and the FIFO dedupe id. */
  alertKey: string;
  memberId: string;
  memberName?: string;
  /** The member's IANA zone: the times in the explanation and the episode dates are local to it. */
  memberTimezone?: string;
  rule: AlertRule;
  severity: AlertSeverity;
  /** What identifies this episode, e.g. the member-local date for bp-severe. */
  episode: string;
  raisedAt: string;
  status: 'open' | 'resolved';
  resolvedAt?: string;
  publishedAt?: string;
  readings: AlertReadingRef[];
  thresholds: Record<string, number>;
  /** Plain words: what happened and what to do. Never a diagnosis. */
  explanation: string;
  guidance: { name: string; reference: string };
  qualityFlags: string[];
}
