import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLambdaContext } from '../../../../local/lambda-context.js';
import { issueDeviceToken } from '../../../../shared/domain/device-token.js';
import fixture from '../../../fixtures/authorize-device/request.json' with { type: 'json' };

process.env.DIRECTORY_TABLE = 'directory-test';
process.env.AWS_REGION = 'eu-west-2';

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: (
  event: APIGatewayRequestAuthorizerEventV2,
  context: ReturnType<typeof createLambdaContext>,
) => Promise<unknown>;

const issued = issueDeviceToken('d-k3mw9x2pq7rt');

const requestWith = (authorization: string | undefined): APIGatewayRequestAuthorizerEventV2 => {
  const event = structuredClone(fixture) as unknown as APIGatewayRequestAuthorizerEventV2;
  if (authorization === undefined) {
    delete event.headers?.authorization;
    event.identitySource = [];
  } else {
    event.headers = { ...event.headers, authorization };
    event.identitySource = [authorization];
  }
  return event;
};

const invoke = (event: APIGatewayRequestAuthorizerEventV2) =>
  handler(event, createLambdaContext('authorize-device'));

describe('authorize-device handler', () => {
  let logged: string[];

  beforeAll(async () => {
    ({ handler } = await import('../../../../functions/authorize-device/handler.js'));
  });

  beforeEach(() => {
    dynamo.reset();
    dynamo.on(GetCommand).resolves({
      Item: {
        pk: 'DEVICE#d-k3mw9x2pq7rt',
        sk: 'DEVICE',
        deviceId: 'd-k3mw9x2pq7rt',
        memberId: 'm-7hq2c4vbn8ze',
        tokenHash: issued.tokenHash,
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    });
    logged = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('authorises the device and names its member in the context, reading it strongly consistently', async () => {
    expect(await invoke(requestWith(`Bearer ${issued.token}`))).toEqual({
      isAuthorized: true,
      context: { memberId: 'm-7hq2c4vbn8ze', deviceId: 'd-k3mw9x2pq7rt' },
    });
    expect(dynamo.commandCalls(GetCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: 'directory-test',
        Key: { pk: 'DEVICE#d-k3mw9x2pq7rt', sk: 'DEVICE' },
        ConsistentRead: true,
      },
    ]);
  });

  it('never logs the token', async () => {
    await invoke(requestWith(`Bearer ${issued.token}`));
    await invoke(requestWith(`Bearer ${issueDeviceToken('d-k3mw9x2pq7rt').token}`));
    const secret = issued.token.split('.')[1] ?? 'missing';
    expect(logged.join('')).toContain('device authorised');
    expect(logged.join('')).not.toContain(secret);
    expect(logged.join('')).not.toContain(issued.tokenHash);
  });

  it('refuses a forged secret for a real device', async () => {
    expect(await invoke(requestWith(`Bearer ${issueDeviceToken('d-k3mw9x2pq7rt').token}`))).toEqual({
      isAuthorized: false,
    });
  });

  it('refuses a revoked device with its current token', async () => {
    dynamo.on(GetCommand).resolves({
      Item: {
        pk: 'DEVICE#d-k3mw9x2pq7rt',
        sk: 'DEVICE',
        deviceId: 'd-k3mw9x2pq7rt',
        memberId: 'm-7hq2c4vbn8ze',
        tokenHash: issued.tokenHash,
        createdAt: '2026-01-01T00:00:00.000Z',
        revokedAt: '2026-01-02T00:00:00.000Z',
        revokedBy: 'jo',
      },
    });
    expect(await invoke(requestWith(`Bearer ${issued.token}`))).toEqual({ isAuthorized: false });
  });

  it('refuses an unknown device', async () => {
    dynamo.on(GetCommand).resolves({});
    expect(await invoke(requestWith(`Bearer ${issued.token}`))).toEqual({ isAuthorized: false });
  });

  it.each([
    ['no header', undefined],
    ['a malformed token', 'Bearer not-a-token'],
    ['basic auth', `Basic ${issued.token}`],
  ])('refuses %s without reading the directory', async (_name, authorization) => {
    expect(await invoke(requestWith(authorization))).toEqual({ isAuthorized: false });
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  it('fails (API Gateway answers 500) rather than authorising when the directory is down', async () => {
    dynamo.on(GetCommand).rejects(new Error('ServiceUnavailable'));
    await expect(invoke(requestWith(`Bearer ${issued.token}`))).rejects.toThrow('ServiceUnavailable');
  });
});
