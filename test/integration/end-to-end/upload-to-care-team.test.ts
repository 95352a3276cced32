import type { Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import type { StreamRunner } from '../../../local/stream-runner.js';
import { cliInProcess as cli } from '../support/in-process-cli.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';

let stack: IsolatedStack;
let api: HttpApiAdapter;
let evaluator: StreamRunner;

const upload = async (token: string, readings: unknown[]) => {
  const response = await fetch(`${api.url}/v1/blood-pressure`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  return { status: response.status, body: (await response.json()) as { summary: Record<string, number> } };
};

const alertsOn = (messages: Message[]) => messages.map((message) => JSON.parse(message.Body ?? '{}'));

beforeAll(async () => {
  stack = await createIsolatedStack();
  const ingest = await import('../../../functions/ingest-blood-pressure/handler.js');
  const authorize = await import('../../../functions/authorize-device/handler.js');
  const evaluate = await import('../../../functions/evaluate-alerts/handler.js');
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
});

afterAll(async () => {
  await evaluator?.stop();
  await api?.stop();
  await stack?.stop();
});

describe('a care team hears about a dangerous home reading, once', () => {
  it('runs from the CLI through the upload API to one explained alert on the FIFO queue', async () => {
    const member = await cli('member', 'create', '--name', 'Sam Example', '--timezone', 'Europe/London');
    expect(member.exitCode).toBe(0);
    const { memberId } = member.output as { memberId: string };
    const device = await cli('device', 'register', '--member', memberId);
    const { deviceId, token } = device.output as { deviceId: string; token: string };
    expect(token.startsWith(`${deviceId}.`)).toBe(true);

    // Taken just now: readings from before the monitor was registered would be a baseline, not alerts.
    const takenAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000);
    const minutesLater = (minutes: number) => new Date(takenAt.getTime() + minutes * 60_000).toISOString();
    const severe = { systolic: 186, diastolic: 100, pulse: 74, measuredAt: minutesLater(0) };
    const normal = { systolic: 132, diastolic: 84, measuredAt: minutesLater(2) };
    expect((await upload(token, [severe, normal])).body.summary).toEqual({
      stored: 2,
      duplicate: 0,
      rejected: 0,
    });
    // The gateway retries the same upload, and again later: nothing new is stored or sent.
    expect((await upload(token, [severe, normal])).body.summary).toEqual({
      stored: 0,
      duplicate: 2,
      rejected: 0,
    });
    expect((await upload(token, [severe])).body.summary).toEqual({ stored: 0, duplicate: 1, rejected: 0 });

    const messages = await receiveAll(stack.sqs, stack.resources.queues.alerts.url, {
      expected: 1,
      timeoutMs: 15_000,
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes?.MessageGroupId).toBe(memberId);
    const [alert] = alertsOn(messages);
    expect(alert).toMatchObject({
      schemaVersion: '1.1',
      memberId,
      rule: 'bp-severe',
      severity: 'urgent',
      alertKey: `${memberId}#bp-severe#${minutesLater(0)}`,
      notification: { kind: 'raised' },
      thresholds: expect.objectContaining({ severeSystolic: 180, severeDiastolic: 120 }),
      readings: [
        expect.objectContaining({ values: expect.objectContaining({ systolic: 186, diastolic: 100 }) }),
      ],
    });
    expect(alert.explanation).toMatch(/contact the member today/i);
    expect(messages[0]?.Attributes?.MessageDeduplicationId).toBe(`${alert.alertKey}#raised-0`);

    // Nothing more arrives after the retries have been through the stream.
    expect(await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 2_000 })).toHaveLength(
      0,
    );

    const listed = await cli('readings', 'list', '--member', memberId, '--metric', 'blood-pressure');
    const readings = (listed.output as { readings: Array<Record<string, unknown>> }).readings;
    expect(
      readings.map((reading) => [reading.measuredAt, reading.systolic, reading.diastolic, reading.pulse]),
    ).toEqual([
      [minutesLater(0), 186, 100, 74],
      [minutesLater(2), 132, 84, undefined],
    ]);

    // A care worker acknowledges it from the CLI; alerts list shows who, when and the note.
    const ack = await cli(
      'alerts',
      'ack',
      '--alert',
      alert.alertKey,
      '--by',
      'Alex Carer',
      '--note',
      'Phoned',
    );
    expect(ack.exitCode).toBe(0);
    const alerts = await cli('alerts', 'list', '--member', memberId);
    const stored = (alerts.output as { alerts: Array<Record<string, unknown>> }).alerts;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.acknowledgement).toMatchObject({ by: 'Alex Carer', note: 'Phoned' });
    expect(stored[0]?.notifications).toMatchObject([{ kind: 'raised' }]);

    const snoozed = await cli(
      'alerts',
      'snooze',
      '--alert',
      alert.alertKey,
      '--until',
      minutesLater(6 * 60),
      '--by',
      'Alex Carer',
      '--reason',
      'GP appointment this afternoon',
    );
    expect(snoozed.exitCode).toBe(0);
    const badUntil = await cli(
      'alerts',
      'snooze',
      '--alert',
      alert.alertKey,
      '--until',
      'tomorrow',
      '--by',
      'A',
      '--reason',
      'r',
    );
    expect(badUntil.exitCode).toBe(2);
    expect(badUntil.error).toContain('RFC 3339');
    const unknown = await cli('alerts', 'ack', '--alert', `${memberId}#bp-severe#nope`, '--by', 'A');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.error).toContain('alerts list');
  });

  it('honours a per-member threshold set from the CLI, and refuses nonsense thresholds', async () => {
    const member = await cli('member', 'create', '--name', 'Alex Example', '--timezone', 'Europe/London');
    const { memberId } = member.output as { memberId: string };
    const audit = ['--by', 'Dr Patel', '--reason', 'Agreed with the member'];
    const unexplained = await cli('thresholds', 'set', '--member', memberId, '--bp-severe-systolic', '160');
    expect(unexplained.exitCode).toBe(2);
    expect(unexplained.error).toContain('--by is required');
    const refused = await cli(
      'thresholds',
      'set',
      '--member',
      memberId,
      ...audit,
      '--bp-severe-systolic',
      'high',
    );
    expect(refused.exitCode).toBe(2);
    expect(refused.error).toContain('--bp-severe-systolic must be a number');
    const switchedOff = await cli(
      'thresholds',
      'set',
      '--member',
      memberId,
      ...audit,
      '--bp-severe-systolic',
      '260',
    );
    expect(switchedOff.exitCode).toBe(2);
    const set = await cli('thresholds', 'set', '--member', memberId, ...audit, '--bp-severe-systolic', '160');
    expect(set.exitCode).toBe(0);
    const history = await cli('thresholds', 'history', '--member', memberId);
    expect((history.output as { changes: Array<{ setBy: string; reason: string }> }).changes).toEqual([
      expect.objectContaining({ setBy: 'Dr Patel', reason: 'Agreed with the member' }),
    ]);
    const { token } = (await cli('device', 'register', '--member', memberId)).output as { token: string };

    const recent = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000).toISOString();
    await upload(token, [{ systolic: 165, diastolic: 90, measuredAt: recent }]);
    const [alert] = alertsOn(
      await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1, timeoutMs: 15_000 }),
    );
    expect(alert).toMatchObject({
      memberId,
      rule: 'bp-severe',
      thresholds: expect.objectContaining({ severeSystolic: 160 }),
    });
  });

  it('tells the operator plainly when input is wrong', async () => {
    const badZone = await cli('member', 'create', '--name', 'Jo', '--timezone', 'London');
    expect(badZone.exitCode).toBe(1);
    expect(badZone.error).toContain('IANA time zone');
    const unknown = await cli('device', 'register', '--member', 'm-nobody');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.error).toContain('No member with id m-nobody');
    const badMetric = await cli('readings', 'list', '--member', 'm-nobody', '--metric', 'mood');
    expect(badMetric.exitCode).toBe(2);
  });
});
