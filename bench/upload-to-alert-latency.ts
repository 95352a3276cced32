import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createCliContext } from '../cli/cli-context.js';
import { startLocalStack } from '../local/local-stack.js';
import { sqsClientFor } from '../local/resources.js';
import { enrolMember } from '../shared/domain/members/enrol-member.js';
import { registerDevice } from '../shared/domain/members/register-device.js';

export interface EndToEndFigures {
  uploads: number;
  p50Ms: number;
  p95Ms: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const waitForAlert = async (sqs: SQSClient, queueUrl: string, memberId: string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    if (Messages.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    if (Messages.some((message) => message.Attributes?.MessageGroupId === memberId)) return;
  }
  throw new Error(`No alert for ${memberId} within ${timeoutMs} ms`);
};

/**
 * Upload -> alert on the queue through the real local stack: the HTTP adapter, authoriser, ingest,
 * DynamoDB Local's stream, evaluate-alerts and fauxqs. One severe reading per member, one at a time,
 * timed from sending the request until the alert can be received.
 */
export const measureUploadToAlert = async (uploads = 200): Promise<EndToEndFigures> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ prefix: 'bench', catchUpIntervalMs: false, log: () => undefined });
  try {
    const context = createCliContext();
    const sqs = sqsClientFor(stack.endpoints);
    const devices = [];
    for (let index = 0; index < uploads; index += 1) {
      const member = await enrolMember({ name: `Bench ${index}`, timezone: 'Europe/London' }, context);
      devices.push({ memberId: member.memberId, ...(await registerDevice(member.memberId, context)) });
    }
    const latencies: number[] = [];
    const measuredAt = new Date(Date.now() - 3_600_000).toISOString();
    for (const device of devices) {
      const started = performance.now();
      const response = await fetch(`${stack.apiUrl}/v1/blood-pressure`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings: [{ systolic: 184, diastolic: 96, pulse: 70, measuredAt }] }),
      });
      if (response.status !== 200) throw new Error(`Upload failed with ${response.status}`);
      await waitForAlert(sqs, stack.resources.queues.alerts.url, device.memberId, 10_000);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    return {
      uploads,
      p50Ms: Math.round(percentile(latencies, 50)),
      p95Ms: Math.round(percentile(latencies, 95)),
    };
  } finally {
    await stack.stop();
  }
};
