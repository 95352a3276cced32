export const ALERT_SCHEMA_VERSION = '1.0';

/** info: a report that pages no one (the weekly summary). */
export type AlertSeverity = 'urgent' | 'watch' | 'staff-task' | 'info';

export type AlertRule =
  | 'bp-severe'
  | 'bp-low'
  | 'resting-hr-out-of-band'
  | 'spo2-urgent'
  | 'spo2-watch'
  | 'wearable-no-data'
  | 'link-needs-relink'
  // Ingest, threshold audit, NICE home average and the weekly report (issue 6, sections 1, 4, 5 and 6).
  | 'reading-refused'
  | 'bp-average-stage2'
  | 'thresholds-review-due'
  | 'weekly-summary'
  // Partial consent: the member refused some Google Health data types.
  | 'link-scope-refused';

export interface AlertReadingRef {
  metric: string;
  measuredAt: string;
  /** Only the values the rule looked at, e.g. {systolic: 184, diastolic: 102}. */
  values: Record<string, number>;
  source: string;
}

/** The figures of a `weekly-summary` message, for a consumer that wants more than the explanation. */
export interface WeeklySummary {
  /** Member-local dates, inclusive: the 7 days the summary covers. */
  from: string;
  to: string;
  /** Readings stored per metric in those days (a day bucket or daily value counts once). */
  readingCounts: Record<string, number>;
  /** NICE NG136 home average of the week's blood-pressure readings. */
  homeAverage: {
    stage: 'insufficient' | 'below-stage-1' | 'stage-1' | 'stage-2';
    systolic?: number;
    diastolic?: number;
    daysWithReadings: number;
  };
  /** Member-local days with any wearable data. */
  wearableDays: number;
  openAlerts: Array<{ alertKey: string; rule: string; severity: string; raisedAt: string }>;
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
  /** Only on `weekly-summary`. */
  summary?: WeeklySummary;
}
