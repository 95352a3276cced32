import {
  ALERT_SCHEMA_VERSION,
  type Alert,
  type AlertReadingRef,
  type AlertRule,
  type AlertSeverity,
} from '../alert.js';
import { buildAlertKey } from './alert-key.js';
import type { AlertSubject } from './alert-subject.js';

export interface NewAlertFields {
  subject: AlertSubject;
  rule: AlertRule;
  severity: AlertSeverity;
  episode: string;
  raisedAt: Date;
  readings: AlertReadingRef[];
  thresholds: Record<string, number>;
  explanation: string;
  guidance: { name: string; reference: string };
  qualityFlags?: string[];
}

/** Assembles an open, unpublished alert keyed by (member, rule, episode). */
export const newAlert = (fields: NewAlertFields): Alert => ({
  schemaVersion: ALERT_SCHEMA_VERSION,
  alertKey: buildAlertKey(fields.subject.memberId, fields.rule, fields.episode),
  memberId: fields.subject.memberId,
  ...(fields.subject.name === undefined ? {} : { memberName: fields.subject.name }),
  memberTimezone: fields.subject.timezone,
  rule: fields.rule,
  severity: fields.severity,
  episode: fields.episode,
  raisedAt: fields.raisedAt.toISOString(),
  status: 'open',
  readings: fields.readings,
  thresholds: fields.thresholds,
  explanation: fields.explanation,
  guidance: { ...fields.guidance },
  qualityFlags: fields.qualityFlags ?? [],
});
