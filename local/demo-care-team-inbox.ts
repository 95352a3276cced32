import type { Alert } from '../shared/domain/alert.js';

const SEVERITY_LABEL: Record<Alert['severity'], string> = {
  urgent: 'URGENT',
  watch: 'WATCH',
  'staff-task': 'STAFF TASK',
  info: 'FOR INFORMATION',
};

const KIND_LABEL: Record<string, string> = {
  raised: '',
  escalated: ' · ESCALATED (worse than before)',
  reminder: ' · REMINDER (not acknowledged yet)',
  resolved: '',
};

/**
 * Renders an alert the way a care-team inbox would show it: what, why, what to do, how much to trust it.
 * The demo prints it for each message deliver-alerts takes from the care-team queue (local/start.ts).
 */
export const formatAlertForCareTeam = (alert: Alert): string => {
  const lines = [
    `┏━ ${alert.status === 'resolved' ? 'RESOLVED' : SEVERITY_LABEL[alert.severity]}${KIND_LABEL[alert.notification?.kind ?? 'raised']} · ${alert.rule} · member ${alert.memberName ?? ''} (${alert.memberId})`,
    `┃ ${alert.explanation}`,
  ];
  for (const reading of alert.readings) {
    const values = Object.entries(reading.values)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    lines.push(`┃ reading: ${values} at ${reading.measuredAt} (${reading.source})`);
  }
  if (alert.qualityFlags.length > 0) lines.push(`┃ reading quality: ${alert.qualityFlags.join('; ')}`);
  lines.push(`┃ guidance: ${alert.guidance.name} (${alert.guidance.reference})`);
  lines.push(`┗━ alert ${alert.alertKey} raised ${alert.raisedAt}`);
  return lines.join('\n');
};
