import type { Message } from '@aws-sdk/client-sqs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../../local/lambda-context.js';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { DynamoDbReadingStore } from '../../../shared/adapters/dynamodb-reading-store.js';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import type { Alert } from '../../../shared/domain/alert.js';
import { openSlotOf } from '../../../shared/domain/alerts/alert-condition.js';
import { GUIDANCE } from '../../../shared/domain/alerts/guidance.js';
import { newAlert } from '../../../shared/domain/alerts/new-alert.js';
import type { BloodPressureReading } from '../../../shared/domain/blood-pressure-reading.js';
import type { HeartRateHourBucket } from '../../../shared/domain/wearable-reading.js';
import fixture from '../../fixtures/evaluate-alerts/stream-insert-blood-pressure.json' with { type: 'json' };
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';
import { waitUntil } from '../support/wait-until.js';

let stack: IsolatedStack;
let handler: (
  event: DynamoDBStreamEvent,
  context: ReturnType<typeof createLambdaContext>,
) => Promise<unknown>;
let alerts: DynamoDbAlertStore;
let readings: DynamoDbReadingStore;

beforeAll(async () => {
  stack = await createIsolatedStack();
  // Imported after the stack has set process.env, as Lambda would load it.
  ({ handler } = await import('../../../functions/evaluate-alerts/handler.js'));
  const client = createDocumentClient();
  alerts = new DynamoDbAlertStore(client, stack.resources.tables.alerts);
  readings = new DynamoDbReadingStore(client, stack.resources.tables.readings);
  const directory = new DynamoDbMemberDirectory(client, stack.resources.tables.directory);
  // A non-reading item first: the handler must skip it, and DynamoDB Local's LATEST iterator on a shard
  // that has never held a record fails with TrimmedDataAccessException (reported to LOCAL-STACK).
  await client.send(
    new PutCommand({ TableName: stack.resources.tables.readings, Item: { pk: 'WARMUP', sk: 'WARMUP' } }),
  );
  for (const memberId of ['m-severe', 'm-wearable', 'm-batch']) {
    await directory.createMember({
      memberId,
      name: 'Sam Example',
      timezone: 'Europe/London',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  }
});
afterAll(async () => {
  await stack?.stop();
});

const severeReading: BloodPressureReading = {
  metric: 'blood-pressure',
  memberId: 'm-severe',
  measuredAt: '2026-07-14T23:30:00.000Z',
  utcOffsetMinutes: 60,
  systolic: 186,
  diastolic: 104,
  pulse: 70,
  meanArterialPressure: 131,
  provenance: { source: 'json', deviceId: 'dev-1', recordingMethod: 'device-measured' },
};

const bodyOf = (message: Message | undefined): Alert => JSON.parse(message?.Body ?? '{}') as Alert;

describe('evaluate-alerts against DynamoDB Local and fauxqs', () => {
  it('turns a stored severe reading into one alert and one message, however often the record arrives', async () => {
    const publish = vi.spyOn(SqsAlertPublisher.prototype, 'publish');
    const delivered: DynamoDBStreamEvent[] = [];
    const runner = await stack.startReadingsStreamRunner({
      functionName: 'evaluate-alerts',
      eventNames: ['INSERT', 'MODIFY'],
      handler: async (event, context) => {
        delivered.push(structuredClone(event));
        return handler(event, context);
      },
    });
    expect(await readings.put(severeReading)).toBe('stored');
    expect(await readings.put(severeReading)).toBe('duplicate');

    const [message] = await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1 });
    await runner.stop();
    expect(message?.Attributes).toMatchObject({
      MessageGroupId: 'm-severe',
      MessageDeduplicationId: 'm-severe#bp-severe#2026-07-14T23:30:00.000Z#raised-0',
    });
    expect(message?.MessageAttributes?.schemaVersion?.StringValue).toBe('1.1');
    expect(bodyOf(message)).toMatchObject({
      alertKey: 'm-severe#bp-severe#2026-07-14T23:30:00.000Z',
      rule: 'bp-severe',
      severity: 'urgent',
      episode: '2026-07-14T23:30:00.000Z',
      notification: { kind: 'raised' },
      readings: [{ values: { systolic: 186, diastolic: 104 }, measuredAt: '2026-07-14T23:30:00.000Z' }],
    });

    // The same stream batch redelivered three more times (a Lambda retry after a timeout, say).
    const event = delivered.find((batch) => batch.Records.length > 0);
    if (event === undefined) throw new Error('no batch was delivered');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await handler(structuredClone(event), createLambdaContext('evaluate-alerts'))).toEqual({
        batchItemFailures: [],
      });
    }

    const stored = await alerts.list({ memberId: 'm-severe' });
    expect(stored.map((alert) => alert.alertKey)).toEqual(['m-severe#bp-severe#2026-07-14T23:30:00.000Z']);
    expect(stored[0]?.publishedAt).toBeDefined();
    expect(stored[0]?.notifications.map((n) => [n.kind, n.publishedAt !== undefined])).toEqual([
      ['raised', true],
    ]);
    expect(publish).toHaveBeenCalledTimes(1);
    expect(await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 1_500 })).toEqual([]);
    publish.mockRestore();
  });

  it('resolves an open wearable-no-data alert when wearable data arrives, with one resolved notice', async () => {
    const raised = newAlert({
      subject: { memberId: 'm-wearable', timezone: 'Europe/London' },
      rule: 'wearable-no-data',
      severity: 'watch',
      episode: '2026-11-15T08:00:00.000Z',
      raisedAt: new Date('2026-11-18T08:00:00.000Z'),
      readings: [],
      thresholds: { wearableDays: 3 },
      explanation: 'No data has arrived from the wearable for 3 days.',
      guidance: GUIDANCE.wearableNoData,
    });
    const open: Alert = {
      ...raised,
      publishedAt: '2026-11-18T08:00:01.000Z',
      notifications: raised.notifications.map((n) => ({ ...n, publishedAt: '2026-11-18T08:00:01.000Z' })),
    };
    expect(await alerts.create(open, openSlotOf(open))).toBe('created');
    // The watch is worn again: a heart-rate hour bucket whose newest sample is after the silence began.
    const heartRateDay: HeartRateHourBucket = {
      metric: 'heart-rate',
      memberId: 'm-wearable',
      measuredAt: '2026-11-19T08:00:00.000Z',
      endAt: '2026-11-19T09:00:00.000Z',
      utcOffsetMinutes: 0,
      localDate: '2026-11-19',
      samples: [[0, 64]],
      summary: { count: 1, min: 64, max: 64, mean: 64 },
      newestSampleAt: '2026-11-19T08:00:00.000Z',
      provenance: { source: 'google-health', recordingMethod: 'passively-measured' },
    };
    const runner = await stack.startReadingsStreamRunner({
      functionName: 'evaluate-alerts',
      eventNames: ['INSERT', 'MODIFY'],
      handler,
    });
    await readings.put(heartRateDay);

    const [notice] = await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1 });
    await runner.stop();
    expect(notice?.Attributes).toMatchObject({
      MessageGroupId: 'm-wearable',
      MessageDeduplicationId: 'm-wearable#wearable-no-data#2026-11-15T08:00:00.000Z#resolved-1',
    });
    expect(bodyOf(notice)).toMatchObject({
      alertKey: open.alertKey,
      status: 'resolved',
      notification: { kind: 'resolved' },
    });
    const stored = await waitUntil(async () => {
      const [alert] = await alerts.list({ memberId: 'm-wearable' });
      return alert?.status === 'resolved' && alert;
    });
    expect(stored.resolvedAt).toBe(bodyOf(notice).resolvedAt);
  });

  it('reports only the malformed record of a batch as failed, and still alerts on the rest', async () => {
    const good = structuredClone(fixture) as DynamoDBRecord;
    const bad = structuredClone(fixture) as DynamoDBRecord;
    if (good.dynamodb?.NewImage === undefined || bad.dynamodb?.NewImage === undefined) {
      throw new Error('fixture has no NewImage');
    }
    good.dynamodb.NewImage.memberId = { S: 'm-batch' };
    bad.dynamodb.NewImage.memberId = { S: 'm-batch' };
    bad.dynamodb.NewImage.systolic = { S: 'very high' };
    bad.dynamodb.SequenceNumber = '111100000000000000002';
    good.dynamodb.SequenceNumber = '111100000000000000003';

    const response = await handler({ Records: [bad, good] }, createLambdaContext('evaluate-alerts'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '111100000000000000002' }] });
    const [message] = await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1 });
    expect(bodyOf(message)).toMatchObject({
      alertKey: 'm-batch#bp-severe#2026-11-20T07:31:00.000Z',
      qualityFlags: ['the monitor reported an irregular pulse'],
    });
  });
});
