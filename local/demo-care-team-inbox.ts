import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
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

/** Renders an alert the way a care-team inbox would show it: what, why, what to do, how much to trust it. */
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

/** Long-polls the alert queue and prints each alert; deletes only what it printed. */
export const runCareTeamInbox = (sqs: SQSClient, queueUrl: string, print: (text: string) => void) => {
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages)
          print(formatAlertForCareTeam(JSON.parse(message.Body ?? '{}') as Alert));
        if (Messages.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: Messages.map((message, index) => ({
                Id: String(index),
                ReceiptHandle: message.ReceiptHandle ?? '',
              })),
            }),
          );
        }
      } catch (error) {
        if (running)
          print(`care-team inbox: could not read the alert queue (${(error as Error).name}); retrying`);
        await sleep(500);
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
};
