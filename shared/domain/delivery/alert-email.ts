import type { NotificationKind } from '../alert.js';
import type { MailMessage } from '../ports/mail-sender.js';
import type { CareTeamMessage } from './care-team-message.js';
import { alertConsoleUrl, memberConsoleUrl } from './console-links.js';

const SEVERITY_WORDS: Record<CareTeamMessage['severity'], string> = {
  urgent: 'urgent',
  watch: 'watch',
  'staff-task': 'staff task',
  info: 'information',
};

const headline = (kind: NotificationKind, message: CareTeamMessage): string => {
  const severity = SEVERITY_WORDS[message.severity];
  if (message.severity === 'info') return kind === 'resolved' ? 'Report closed' : 'New report';
  switch (kind) {
    case 'raised':
      return `New ${severity} alert`;
    case 'escalated':
      return `Alert got worse (still ${severity})`;
    case 'reminder':
      return `Reminder: ${severity} alert not acknowledged yet`;
    case 'resolved':
      return `Alert resolved (was ${severity})`;
  }
};

const WHAT_TO_DO: Record<NotificationKind, string> = {
  raised: "Open the member's page in the care-team console to see what happened and what to do",
  escalated: "It is worse than when it was raised. Open the member's page in the care-team console",
  reminder: "Nobody has acknowledged it yet. Open the member's page in the care-team console to act on it",
  resolved: "No action is needed. The member's page in the care-team console shows why it closed",
};

/**
 * The email for one notification and one recipient. By default it carries no health values, no name and
 * no rule: only the severity, the member's reference and a link to the member's console page, because
 * email leaves our control (the alert's own link is not used there: its key names the rule). Full content is only for addresses the team opted in on an allow-listed secure domain.
 */
export const buildAlertEmail = (input: {
  message: CareTeamMessage;
  kind: NotificationKind;
  to: string;
  fullContent: boolean;
  publicBaseUrl: string;
}): MailMessage => {
  const { message, kind } = input;
  const title = headline(kind, message);
  const alertLink = alertConsoleUrl(input.publicBaseUrl, message.alertKey);
  const memberLink = memberConsoleUrl(input.publicBaseUrl, message.memberId);
  const subject = `[pulse-relay] ${title} for member ${message.memberId}`;
  if (!input.fullContent) {
    return {
      to: input.to,
      subject,
      text: [
        `${title} for member ${message.memberId}.`,
        '',
        `${WHAT_TO_DO[kind]}: ${memberLink}`,
        '',
        'This email carries no health details on purpose. Sign in to the console to read them.',
      ].join('\n'),
    };
  }
  const lines = [
    `${title} for ${message.memberName ?? 'member'} (${message.memberId}): ${message.rule}.`,
    '',
    message.explanation,
    '',
  ];
  for (const reading of message.readings) {
    const values = Object.entries(reading.values)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    lines.push(`Reading: ${values} at ${reading.measuredAt}`);
  }
  if (message.qualityFlags.length > 0) lines.push(`Reading quality: ${message.qualityFlags.join('; ')}`);
  if (message.guidance !== undefined)
    lines.push(`Guidance: ${message.guidance.name} (${message.guidance.reference})`);
  lines.push('', `Console: ${alertLink}`, `The member's page: ${memberLink}`);
  return { to: input.to, subject, text: lines.join('\n') };
};
