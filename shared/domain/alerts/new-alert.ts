import {
  ALERT_SCHEMA_VERSION,
  type Alert,
  type AlertReadingRef,
  type AlertRule,
  type AlertSeverity,
  type NotificationKind,
} from '../alert.js';
import { buildAlertKey, notificationDedupeId } from './alert-key.js';
import type { AlertSubject } from './alert-subject.js';

export interface NewAlertFields {
  subject: AlertSubject;
  rule: AlertRule;
  severity: AlertSeverity;
  tier?: number;
  episode: string;
  raisedAt: Date;
  readings: AlertReadingRef[];
  thresholds: Record<string, number>;
  explanation: string;
  guidance: { name: string; reference: string };
  qualityFlags?: string[];
}

/**
 * Assembles an open alert keyed by (member, rule, episode), with its `raised` notification queued (not
 * yet sent). raiseAlert and the episode use cases store it, then send it.
 */
export const newAlert = (fields: NewAlertFields): Alert =>
  withNotification(
    {
      schemaVersion: ALERT_SCHEMA_VERSION,
      alertKey: buildAlertKey(fields.subject.memberId, fields.rule, fields.episode),
      memberId: fields.subject.memberId,
      ...(fields.subject.name === undefined ? {} : { memberName: fields.subject.name }),
      memberTimezone: fields.subject.timezone,
      rule: fields.rule,
      severity: fields.severity,
      tier: fields.tier ?? 1,
      episode: fields.episode,
      raisedAt: fields.raisedAt.toISOString(),
      status: 'open',
      readings: fields.readings,
      thresholds: fields.thresholds,
      explanation: fields.explanation,
      guidance: { ...fields.guidance },
      qualityFlags: fields.qualityFlags ?? [],
      notifications: [],
      revision: 1,
    },
    'raised',
    fields.raisedAt,
  );

/** The alert with one more notification queued for the care team (sent by sendPendingNotifications). */
export const withNotification = (alert: Alert, kind: NotificationKind, at: Date, peak?: number): Alert => ({
  ...alert,
  notifications: [
    ...alert.notifications,
    {
      kind,
      at: at.toISOString(),
      dedupeId: notificationDedupeId(alert.alertKey, kind, alert.notifications.length),
      severity: alert.severity,
      tier: alert.tier,
      ...(peak === undefined ? {} : { peak }),
    },
  ],
});
