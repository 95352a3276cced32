import { setTimeout as sleep } from 'node:timers/promises';
import type { Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { createLambdaContext } from '../../../local/lambda-context.js';
import { scheduledEvent } from '../../../local/schedule-runner.js';
import type { StreamRunner } from '../../../local/stream-runner.js';
import type { Alert } from '../../../shared/domain/alert.js';
import { cliInProcess as cli } from '../support/in-process-cli.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';

let stack: IsolatedStack;
let api: HttpApiAdapter;
let evaluator: StreamRunner;
let weeklySummary: (event: ReturnType<typeof scheduledEvent>, context: unknown) => Promise<unknown>;

const upload = async (token: string, readings: unknown[]) => {
  const response = await fetch(`${api.url}/v1/blood-pressure`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      results: Array<{ status: string; measuredAt?: string; qualityFlags?: string[] }>;
      summary: Record<string, number>;
    },
  };
};

const alertsOn = (messages: Message[]): Alert[] =>
  messages.map((message) => JSON.parse(message.Body ?? '{}'));

const enrolWithDevice = async () => {
  const member = await cli('member', 'create', '--name', 'Sam Example', '--timezone', 'Europe/London');
  const { memberId } = member.output as { memberId: string };
  const device = await cli('device', 'register', '--member', memberId);
  return { memberId, token: (device.output as { token: string }).token };
};

/** RFC 3339 in UTC without milliseconds, as a monitor gateway writes it. */
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

beforeAll(async () => {
  stack = await createIsolatedStack();
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const evaluate = await import('../../../functions/evaluate-alerts/handler.js');
  ({ handler: weeklySummary } = (await import('../../../functions/weekly-summary/handler.js')) as never);
  api = await startHttpApiAdapter({
    routes: [
      {
        method: 'POST',
        path: '/v1/blood-pressure',
        functionName: 'ingest-blood-pressure',
        handler: ingest.handler,
        authorizer: { functionName: 'authorize-device', handler: authorize.handler },
      },
    ],
    log: () => undefined,
  });
  evaluator = await stack.startReadingsStreamRunner({
    functionName: 'evaluate-alerts',
    handler: evaluate.handler,
    eventNames: ['INSERT', 'MODIFY'],
    batchSize: 25,
    maximumRetryAttempts: 5,
    onFailureQueueUrl: stack.resources.queues.streamFailures.url,
    log: () => undefined,
  });
  // EMF metric lines from the ingest handler are not what these tests look at.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await evaluator?.stop();
  await api?.stop();
  await stack?.stop();
});

describe('no severe reading is lost to a wrong clock or a refusal (DynamoDB Local + fauxqs)', () => {
  it('stores 192/108 from a monitor 1 hour fast with clock-suspect, alerts once, and recognises the re-upload', async () => {
    const { memberId, token } = await enrolWithDevice();
    const before = Date.now();
    const fast = { systolic: 192, diastolic: 108, measuredAt: rfc3339(before + 3_600_000) };
    const first = await upload(token, [fast]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'stored', qualityFlags: ['clock-suspect'] });
    const storedAt = Date.parse(first.body.results[0]?.measuredAt ?? '');
    expect(storedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(storedAt).toBeLessThanOrEqual(Date.now() + 1000);
    // The gateway sends its memory again a little later: the receipt time moves, the reading is still a duplicate.
    await sleep(20);
    expect((await upload(token, [fast])).body.summary).toEqual({ stored: 0, duplicate: 1, rejected: 0 });

    const alerts = alertsOn(
      await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1, timeoutMs: 15_000 }),
    );
    expect(alerts.map((alert) => [alert.memberId, alert.rule])).toEqual([[memberId, 'bp-severe']]);
    expect(alerts[0]?.explanation).toContain("monitor's clock looked wrong");

    const listed = await cli('readings', 'list', '--member', memberId, '--metric', 'blood-pressure');
    const readings = (listed.output as { readings: Array<Record<string, unknown>> }).readings;
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({
      systolic: 192,
      qualityFlags: ['clock-suspect'],
      clock: { deviceTime: fast.measuredAt, timeSource: 'received' },
    });
  });

  it('raises a reading-refused staff task for a refused item whose diastolic is severe', async () => {
    const { memberId, token } = await enrolWithDevice();
    const refused = await upload(token, [{ systolic: 310, diastolic: 150, measuredAt: rfc3339(Date.now()) }]);
    expect(refused.status).toBe(422);
    const alerts = alertsOn(
      await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1, timeoutMs: 15_000 }),
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        memberId,
        rule: 'reading-refused',
        severity: 'staff-task',
        readings: [expect.objectContaining({ values: { systolic: 310, diastolic: 150 } })],
      }),
    ]);
    expect(alerts[0]?.explanation).toContain('systolic 310 mmHg is outside the plausible range');
  });

  it('puts one weekly-summary per member on the care-team queue, once per week', async () => {
    await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 1_000 });
    await weeklySummary(scheduledEvent('weekly-summary-schedule'), createLambdaContext('weekly-summary'));
    await weeklySummary(scheduledEvent('weekly-summary-schedule'), createLambdaContext('weekly-summary'));
    const summaries = alertsOn(
      await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 2, timeoutMs: 15_000 }),
    );
    expect(summaries).toHaveLength(2);
    for (const summary of summaries) {
      expect(summary).toMatchObject({ rule: 'weekly-summary', severity: 'info' });
      expect(summary.summary?.homeAverage.stage).toBe('insufficient');
    }
    expect(new Set(summaries.map((summary) => summary.memberId)).size).toBe(2);
  });
});
