import type { MailMessage } from '../ports/mail-sender.js';
import type { CareTeamMessage, NotificationKind } from './care-team-message.js';

const SEVERITY_WORDS: Record<CareTeamMessage['severity'], string> = {
  urgent: 'urgent',
  watch: 'watch',
  'staff-task': 'staff task',
};

const headline = (kind: NotificationKind, severity: string): string => {
  switch (kind) {
    case 'raised':
      return `New ${severity} alert`;
    case 'escalated':
      return `Alert escalated to ${severity}`;
    case 'reminder':
      return `Reminder: ${severity} alert still open`;
    case 'resolved':
      return `Alert resolved (was ${severity})`;
  }
};

export const memberConsoleUrl = (publicBaseUrl: string, memberId: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/console/members/${encodeURIComponent(memberId)}`;

/**
 * The email for one notification and one recipient. By default it carries no health values, no name and
 * no rule: only the severity, the member's reference and a console link, because email leaves our
 * control. Full content is only for addresses the team opted in on an allow-listed secure domain.
 */
export const buildAlertEmail = (input: {
  message: CareTeamMessage;
  kind: NotificationKind;
  to: string;
  fullContent: boolean;
  publicBaseUrl: string;
}): MailMessage => {
  const { message, kind } = input;
  const title = headline(kind, SEVERITY_WORDS[message.severity]);
  const link = memberConsoleUrl(input.publicBaseUrl, message.memberId);
  const subject = `[pulse-relay] ${title} for member ${message.memberId}`;
  if (!input.fullContent) {
    return {
      to: input.to,
      subject,
      text: [
        `${title} for member ${message.memberId}.`,
        '',
        `Open the care-team console to see what happened and what to do: ${link}`,
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
  lines.push('', `Console: ${link}`);
  return { to: input.to, subject, text: lines.join('\n') };
};
