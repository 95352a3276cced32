import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowUp } from '../../../functions/alert-follow-up/follow-up.js';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { DynamoDbDeviceRegistry } from '../../../shared/adapters/dynamodb-device-registry.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbLinkStatusReader } from '../../../shared/adapters/dynamodb-link-status-reader.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { DynamoDbThresholdStore } from '../../../shared/adapters/dynamodb-threshold-store.js';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import type { Alert } from '../../../shared/domain/alert.js';
import { acknowledgeAlert } from '../../../shared/domain/alerts/acknowledge-alert.js';
import { DEFAULT_ALERT_POLICY } from '../../../shared/domain/alerts/alert-policy.js';
import { evaluateStoredReading } from '../../../shared/domain/alerts/evaluate-stored-reading.js';
import type { BloodPressureReading } from '../../../shared/domain/blood-pressure-reading.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';

/** The clock the schedule sees: moved by the test, as hours pass. */
let current = new Date('2026-11-20T08:00:00.000Z');
const clock = { now: () => new Date(current) };
const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });

let stack: IsolatedStack;
let deps: Parameters<typeof runFollowUp>[0];
let evaluatePorts: Parameters<typeof evaluateStoredReading>[0];

beforeAll(async () => {
  stack = await createIsolatedStack();
  const client = createDocumentClient();
  const directory = new DynamoDbMemberDirectory(client, stack.resources.tables.directory);
  const thresholds = new DynamoDbThresholdStore(client, stack.resources.tables.directory);
  const alerts = new DynamoDbAlertStore(client, stack.resources.tables.alerts);
  const readings = new DynamoDbReadingStore(client, stack.resources.tables.readings);
  const publisher = new SqsAlertPublisher(
    new SQSClient({ endpoint: stack.endpoints.sqs }),
    stack.resources.queues.alerts.url,
  );
  deps = {
    alerts,
    publisher,
    clock,
    members: directory,
    thresholds,
    readings,
    policy: DEFAULT_ALERT_POLICY,
    logger,
  };
  evaluatePorts = {
    ...deps,
    members: directory,
    devices: new DynamoDbDeviceRegistry(client, stack.resources.tables.directory),
    links: new DynamoDbLinkStatusReader(client, stack.resources.tables.directory),
  };
  await directory.createMember({
    memberId: 'm-remind',
    name: 'Sam Example',
    timezone: 'Europe/London',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
});
afterAll(async () => {
  await stack?.stop();
});

const reading = (systolic: number, measuredAt: string): BloodPressureReading => ({
  metric: 'blood-pressure',
  memberId: 'm-remind',
  measuredAt,
  utcOffsetMinutes: 0,
  systolic,
  diastolic: 100,
  meanArterialPressure: 120,
  provenance: { source: 'json', recordingMethod: 'device-measured' },
});

const drain = async (expected?: number) =>
  (
    await receiveAll(stack.sqs, stack.resources.queues.alerts.url, {
      ...(expected === undefined ? { timeoutMs: 1_500 } : { expected, timeoutMs: 10_000 }),
    })
  ).map((message) => {
    const body = JSON.parse(message.Body ?? '{}') as Alert;
    return `${body.notification?.kind}:${message.Attributes?.MessageDeduplicationId}`;
  });

describe('alert follow-up schedule against DynamoDB Local and fauxqs', () => {
  it('reminds an unacknowledged urgent alert every 4 hours until acknowledged, each reminder once', async () => {
    const key = 'm-remind#bp-severe#2026-11-20T07:30:00.000Z';
    await evaluateStoredReading(evaluatePorts, reading(192, '2026-11-20T07:30:00.000Z'));
    expect(await drain(1)).toEqual([`raised:${key}#raised-0`]);

    current = new Date('2026-11-20T11:59:00.000Z');
    await runFollowUp(deps);
    expect(await drain()).toEqual([]);

    current = new Date('2026-11-20T12:00:00.000Z');
    // Two overlapping runs: the revision-checked write lets only one add the reminder.
    await Promise.all([runFollowUp(deps), runFollowUp(deps)]);
    expect(await drain(1)).toEqual([`reminder:${key}#reminder-1`]);
    expect(await drain()).toEqual([]);

    current = new Date('2026-11-20T13:00:00.000Z');
    await acknowledgeAlert(deps, { alertKey: key, by: 'Alex Carer', note: 'Spoke to Sam' });
    current = new Date('2026-11-21T13:00:00.000Z');
    await runFollowUp(deps);
    expect(await drain()).toEqual([]);

    const stored = await deps.alerts.get('m-remind', key);
    expect(stored?.notifications.map((n) => [n.kind, n.publishedAt !== undefined])).toEqual([
      ['raised', true],
      ['reminder', true],
    ]);
    expect(stored?.acknowledgement).toMatchObject({ by: 'Alex Carer', note: 'Spoke to Sam' });
    expect(await deps.alerts.listSlots()).toEqual([{ memberId: 'm-remind', alertKey: key }]);
  });
});
