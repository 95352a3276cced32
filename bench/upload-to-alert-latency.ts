import { createCliContext } from '../cli/cli-context.js';
import { teamChannelsSet } from '../cli/commands/team-commands.js';
import type { LocalMailServer } from '../local/local-mail-server.js';
import { startLocalStack } from '../local/local-stack.js';
import { enrolMember } from '../shared/domain/members/enrol-member.js';
import { registerDevice } from '../shared/domain/members/register-device.js';

export interface EndToEndFigures {
  uploads: number;
  p50Ms: number;
  p95Ms: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** Resolves when the care team's mailbox has an email about the member. */
const waitForEmail = (mail: LocalMailServer, memberId: string, timeoutMs: number) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`No email about ${memberId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = mail.onMail((received) => {
      if (!received.subject.includes(memberId)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });

/**
 * Upload -> alert email in the care team's inbox through the real local stack: the HTTP adapter,
 * authoriser, ingest, DynamoDB Local's stream, evaluate-alerts, fauxqs, deliver-alerts and the SMTP
 * server. One severe reading per member, one at a time, timed from sending the request until the email
 * has arrived.
 */
export const measureUploadToAlert = async (uploads = 200): Promise<EndToEndFigures> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const stack = await startLocalStack({ prefix: 'bench', catchUpIntervalMs: false, log: () => undefined });
  try {
    const context = createCliContext();
    await teamChannelsSet({ team: 'team-bench', email: 'bench-team@example.org', by: 'bench' }, context);
    const devices = [];
    for (let index = 0; index < uploads; index += 1) {
      const member = await enrolMember(
        { name: `Bench ${index}`, timezone: 'Europe/London', teamId: 'team-bench' },
        context,
      );
      devices.push({ memberId: member.memberId, ...(await registerDevice(member.memberId, context)) });
    }
    const latencies: number[] = [];
    const measuredAt = new Date(Date.now() - 3_600_000).toISOString();
    for (const device of devices) {
      const arrived = waitForEmail(stack.mail, device.memberId, 10_000);
      const started = performance.now();
      const response = await fetch(`${stack.apiUrl}/v1/blood-pressure`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings: [{ systolic: 184, diastolic: 96, pulse: 70, measuredAt }] }),
      });
      if (response.status !== 200) throw new Error(`Upload failed with ${response.status}`);
      await arrived;
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
