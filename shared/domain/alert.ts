export const ALERT_SCHEMA_VERSION = '1.1';

export type AlertSeverity = 'urgent' | 'watch' | 'staff-task';

export type AlertRule =
  | 'bp-severe'
  | 'bp-low'
  | 'bp-no-readings'
  | 'resting-hr-out-of-band'
  | 'spo2-urgent'
  | 'spo2-watch'
  | 'wearable-no-data'
  | 'link-needs-relink'
  | 'baseline-summary';

export interface AlertReadingRef {
  metric: string;
  measuredAt: string;
  /** Only the values the rule looked at, e.g. {systolic: 184, diastolic: 102}. */
  values: Record<string, number>;
  source: string;
}

/** What a message on the care-team queue is about. */
export type NotificationKind = 'raised' | 'escalated' | 'reminder' | 'resolved';

/** One message put (or about to be put) on the care-team queue for an alert. */
export interface AlertNotification {
  kind: NotificationKind;
  /** When it was decided; the message is sent straight after (or, for a baseline summary, from then on). */
  at: string;
  /** The FIFO MessageDeduplicationId: alert key + kind + position, so each notification is sent once. */
  dedupeId: string;
  /** The alert's severity and tier when this was sent. */
  severity: AlertSeverity;
  tier: number;
  /** The worst value that the escalation rule compares against (systolic for bp-severe). */
  peak?: number;
  /** Set once the queue accepted it. Until then a retry or the follow-up schedule sends it again. */
  publishedAt?: string;
}

export interface AlertAcknowledgement {
  by: string;
  at: string;
  note?: string;
}

export interface AlertSnooze {
  until: string;
  by: string;
  at: string;
  reason: string;
}

/** Counts and worst values of the readings a baseline import held, per rule they would have fired. */
export interface BaselineSummary {
  source: string;
  registeredAt: string;
  /** rank: how far the worst reading is past the threshold (higher is worse), to compare the next one. */
  crossed: Record<string, { count: number; worst: AlertReadingRef; rank: number }>;
}

/** The care-team alert message. Versioned: see docs/alert-message.md. */
export interface Alert {
  schemaVersion: typeof ALERT_SCHEMA_VERSION;
  /** (member, rule, episode): the idempotency key; each notification's FIFO dedupe id starts with it. */
  alertKey: string;
  memberId: string;
  memberName?: string;
  /** The member's IANA zone: the times in the explanation and the episode dates are local to it. */
  memberTimezone?: string;
  rule: AlertRule;
  severity: AlertSeverity;
  /** Grade within the rule's condition (1 lowest); a higher tier in an open episode is an escalation. */
  tier: number;
  /** What identifies this episode, e.g. the time of the reading that opened it. */
  episode: string;
  raisedAt: string;
  status: 'open' | 'resolved';
  resolvedAt?: string;
  publishedAt?: string;
  /** Every reading of the episode, oldest first. */
  readings: AlertReadingRef[];
  thresholds: Record<string, number>;
  /** Plain words: what happened and what to do. Never a diagnosis. */
  explanation: string;
  guidance: { name: string; reference: string };
  qualityFlags: string[];
  /** Every message sent to the care team for this alert, oldest first. */
  notifications: AlertNotification[];
  /** On a queue message only: which of the notifications this message is. */
  notification?: Pick<AlertNotification, 'kind' | 'at' | 'dedupeId'>;
  acknowledgement?: AlertAcknowledgement;
  snooze?: AlertSnooze;
  /** Normal readings since the latest crossing one; the episode resolves after a run of them. */
  normalSince?: AlertReadingRef[];
  /** A baseline summary is held until then, so one import gives one message listing all of it. */
  sendAfter?: string;
  baseline?: BaselineSummary;
  /** Incremented on every stored change; writes are conditional on it. */
  revision: number;
}
