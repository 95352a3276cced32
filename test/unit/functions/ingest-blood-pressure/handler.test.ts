import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../../../local/lambda-context.js';
import fixture from '../../../fixtures/ingest-blood-pressure/post-json.json' with { type: 'json' };

process.env.DIRECTORY_TABLE = 'directory-test';
process.env.READINGS_TABLE = 'readings-test';
process.env.ALERTS_TABLE = 'alerts-test';
process.env.ALERT_QUEUE_URL = 'https://sqs.eu-west-2.amazonaws.com/123456789012/alerts-test.fifo';
process.env.AWS_REGION = 'eu-west-2';
// The Metrics instance reads its namespace and service when the module loads (the function construct sets them).
process.env.POWERTOOLS_METRICS_NAMESPACE = 'PulseRelay/test';
process.env.POWERTOOLS_SERVICE_NAME = 'pulse-relay-ingest-blood-pressure';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';

const dynamo = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
let handler: (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof createLambdaContext>,
) => Promise<unknown>;

const MEMBER = {
  pk: 'MEMBER#m-7hq2c4vbn8ze',
  sk: 'PROFILE',
  memberId: 'm-7hq2c4vbn8ze',
  name: 'Test Member',
  timezone: 'Europe/London',
  createdAt: '2026-01-01T00:00:00.000Z',
};

const eventWith = (changes: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 => ({
  ...(structuredClone(fixture) as APIGatewayProxyEventV2),
  ...changes,
});
const withHeader = (name: string, value: string) =>
  eventWith({ headers: { ...fixture.headers, [name]: value } });

const invoke = async (event: APIGatewayProxyEventV2) => {
  const result = (await handler(
    event,
    createLambdaContext('ingest-blood-pressure'),
  )) as APIGatewayProxyStructuredResultV2;
  return { statusCode: result.statusCode, body: JSON.parse(result.body ?? '{}') };
};

const putCalls = () => dynamo.commandCalls(PutCommand);

describe('ingest-blood-pressure handler', () => {
  let logged: string[];

  beforeAll(async () => {
    ({ handler } = await import('../../../../functions/ingest-blood-pressure/handler.js'));
  });

  beforeEach(() => {
    dynamo.reset();
    sqs.reset();
    dynamo.on(GetCommand).resolves({ Item: MEMBER });
    dynamo
      .on(GetCommand, { TableName: 'directory-test', Key: { pk: MEMBER.pk, sk: 'THRESHOLDS' } })
      .resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    // The alerts table as a tiny store: the alert engine writes in transactions and reads its alert back.
    const alertItems = new Map<string, Record<string, unknown>>();
    const itemKey = (key: Record<string, unknown>) => `${String(key.pk)}|${String(key.sk)}`;
    dynamo.on(TransactWriteCommand).callsFake((input: TransactWriteCommand['input']) => {
      for (const { Put } of input.TransactItems ?? []) {
        if (Put?.TableName === 'alerts-test' && Put.Item !== undefined)
          alertItems.set(itemKey(Put.Item), Put.Item);
      }
      return {};
    });
    dynamo
      .on(GetCommand, { TableName: 'alerts-test' })
      .callsFake((input: GetCommand['input']) => ({ Item: alertItems.get(itemKey(input.Key ?? {})) }));
    sqs.on(SendMessageCommand).resolves({});
    logged = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stores each reading put-if-absent for the member named by the authoriser', async () => {
    const response = await invoke(eventWith());
    expect(response).toEqual({
      statusCode: 200,
      body: {
        results: [
          { index: 0, status: 'stored', measuredAt: '2026-11-22T08:15:00.000Z' },
          { index: 1, status: 'stored', measuredAt: '2026-11-22T08:17:00.000Z' },
        ],
        summary: { stored: 2, duplicate: 0, rejected: 0 },
      },
    });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'directory-test',
      Key: { pk: 'MEMBER#m-7hq2c4vbn8ze', sk: 'PROFILE' },
    });
    expect(putCalls().map((call) => call.args[0].input)).toContainEqual({
      TableName: 'readings-test',
      Item: {
        pk: 'MEMBER#m-7hq2c4vbn8ze#blood-pressure',
        sk: '2026-11-22T08:15:00.000Z#d-k3mw9x2pq7rt',
        metric: 'blood-pressure',
        memberId: 'm-7hq2c4vbn8ze',
        measuredAt: '2026-11-22T08:15:00.000Z',
        utcOffsetMinutes: 0,
        systolic: 132,
        diastolic: 84,
        pulse: 71,
        meanArterialPressure: 100,
        provenance: { source: 'json', deviceId: 'd-k3mw9x2pq7rt', recordingMethod: 'device-measured' },
        storedAt: expect.any(String),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('logs counts, never the readings or the token', async () => {
    await invoke(eventWith());
    const logs = logged.join('');
    expect(logs).toContain('"stored":2');
    // \b: a random request id such as 0169b196-…-13291b… must not make this fail.
    expect(logs).not.toMatch(/\b132\b|2026-11-22T08:15|Bearer|redacted-in-fixture/);
  });

  it('answers 200 with duplicates when the readings are already stored', async () => {
    dynamo
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    const response = await invoke(eventWith());
    expect(response.statusCode).toBe(200);
    expect(response.body.summary).toEqual({ stored: 0, duplicate: 2, rejected: 0 });
  });

  it('accepts a base64-encoded body', async () => {
    const response = await invoke(
      eventWith({ body: Buffer.from(fixture.body).toString('base64'), isBase64Encoded: true }),
    );
    expect(response.body.summary.stored).toBe(2);
  });

  it('reads FHIR bodies sent as application/fhir+json', async () => {
    const observation = {
      resourceType: 'Observation',
      id: 'obs-1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      effectiveDateTime: '2026-11-22T08:15:00+00:00',
      component: [
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
          valueQuantity: { value: 141, code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
          valueQuantity: { value: 92, code: 'mm[Hg]' },
        },
      ],
    };
    const response = await invoke(
      eventWith({
        headers: { ...fixture.headers, 'content-type': 'application/fhir+json; charset=utf-8' },
        body: JSON.stringify(observation),
      }),
    );
    expect(response.body.summary).toEqual({ stored: 1, duplicate: 0, rejected: 0 });
    expect(putCalls()[0]?.args[0].input.Item).toMatchObject({
      sk: '2026-11-22T08:15:00.000Z#obs-1',
      provenance: { source: 'fhir', sourceRecordId: 'obs-1' },
    });
  });

  it('answers 422 with every reason when no reading can be accepted, and stores nothing', async () => {
    const body = JSON.stringify({
      readings: [
        { systolic: 80, diastolic: 80, measuredAt: '2026-11-22T08:15:00Z' },
        { systolic: 400, diastolic: 80, measuredAt: '2026-11-22T08:15:00Z' },
      ],
    });
    const response = await invoke(eventWith({ body }));
    expect(response).toEqual({
      statusCode: 422,
      body: {
        error: { code: 'no_readings_accepted', message: 'No reading in the request could be accepted' },
        results: [
          { index: 0, status: 'rejected', reason: 'systolic must be greater than diastolic' },
          {
            index: 1,
            status: 'rejected',
            reason: 'systolic 400 mmHg is outside the plausible range 50 to 300',
          },
        ],
        summary: { stored: 0, duplicate: 0, rejected: 2 },
      },
    });
    expect(putCalls().filter((call) => call.args[0].input.TableName === 'readings-test')).toHaveLength(0);
    // 400 is implausible, but at or above the severe 180: the refusal is a staff task, not silence.
    const sent = sqs
      .commandCalls(SendMessageCommand)
      .map((call) => JSON.parse(call.args[0].input.MessageBody ?? '{}'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      rule: 'reading-refused',
      severity: 'staff-task',
      readings: [{ values: { systolic: 400, diastolic: 80 }, source: 'refused-upload' }],
    });
    expect(sent[0].explanation).toContain('systolic 400 mmHg is outside the plausible range 50 to 300');
  });

  it('counts refused and clock-suspect readings as CloudWatch metrics (EMF) in the stage namespace', async () => {
    const body = JSON.stringify({
      readings: [
        { systolic: 130, diastolic: 80, measuredAt: '2099-11-22T08:15:00Z' },
        { systolic: 80, diastolic: 80, measuredAt: '2026-11-22T08:15:00Z' },
      ],
    });
    await invoke(eventWith({ body }));
    const emf = logged
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('_aws'))
      .map((line) => JSON.parse(line));
    expect(emf).toHaveLength(1);
    expect(emf[0]._aws.CloudWatchMetrics[0].Namespace).toBe('PulseRelay/test');
    expect(emf[0]).toMatchObject({
      service: 'pulse-relay-ingest-blood-pressure',
      format: 'json',
      ReadingsRefused: 1,
      ReadingsStored: 1,
      ReadingsClockSuspect: 1,
    });
  });

  it.each([
    [
      'no authoriser context',
      () => eventWith({ requestContext: { ...fixture.requestContext, authorizer: undefined } as never }),
      401,
      'unauthorized',
    ],
    ['a text/plain body', () => withHeader('content-type', 'text/plain'), 415, 'unsupported_media_type'],
    [
      'a latin-1 body',
      () => withHeader('content-type', 'application/json; charset=iso-8859-1'),
      415,
      'unsupported_media_type',
    ],
    [
      'no content type',
      () => eventWith({ headers: { authorization: 'Bearer x' } }),
      415,
      'unsupported_media_type',
    ],
    [
      'a body over 256 KB',
      () => eventWith({ body: `{"readings":[${' '.repeat(262_144)}]}` }),
      413,
      'payload_too_large',
    ],
    [
      'a base64 body over 256 KB once decoded',
      () => eventWith({ body: Buffer.alloc(262_145, 32).toString('base64'), isBase64Encoded: true }),
      413,
      'payload_too_large',
    ],
    ['an empty body', () => eventWith({ body: undefined }), 400, 'bad_request'],
    ['a body that is not JSON', () => eventWith({ body: '{"readings": [' }), 400, 'bad_request'],
    [
      'an unknown top-level field',
      () => eventWith({ body: '{"readings":[],"memberId":"m-other"}' }),
      400,
      'bad_request',
    ],
  ])('refuses %s with %i and stores nothing', async (_name, event, statusCode, code) => {
    const response = await invoke(event());
    expect(response.statusCode).toBe(statusCode);
    expect(response.body.error.code).toBe(code);
    expect(putCalls()).toHaveLength(0);
  });

  it('names the problems of a wrong envelope', async () => {
    const response = await invoke(eventWith({ body: '{"readings":[],"memberId":"m-other"}' }));
    expect(response.body.error).toEqual({
      code: 'bad_request',
      message: 'The body must be {"readings": [...]}',
      details: ['readings: Too small: expected array to have >=1 items', 'Unrecognized key: "memberId"'],
    });
  });

  it('answers 403 when the device belongs to a member who no longer exists', async () => {
    dynamo.on(GetCommand).resolves({});
    const response = await invoke(eventWith());
    expect(response.statusCode).toBe(403);
    expect(putCalls()).toHaveLength(0);
  });

  it('answers a bare 500 when DynamoDB fails, so the client retries', async () => {
    dynamo.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const response = await invoke(eventWith());
    expect(response).toEqual({
      statusCode: 500,
      body: { error: { code: 'internal', message: 'Something went wrong on our side; try again later' } },
    });
  });
});
