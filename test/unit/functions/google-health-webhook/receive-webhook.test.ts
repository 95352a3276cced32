import { generateKeyPairSync, sign } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  acceptanceLogLevel,
  createWebhookRoute,
} from '../../../../functions/google-health-webhook/receive-webhook.js';
import { staticKeysetSource } from '../../../../shared/adapters/google-health/webhook-signature-keyset.js';
import type { QueuedSyncJob } from '../../../../shared/domain/google-health/notified-sync-job.js';
import type { SyncJobQueue } from '../../../../shared/domain/google-health/sync-job-queue.js';
import type { SecretSource } from '../../../../shared/domain/ports/secret-source.js';
import { errorToResponse } from '../../../../shared/runtime/http/http-handler.js';
import { InMemoryLinkStore, linkFor } from '../../../fakes/link-store.js';
import { encodeWebhookKeyset } from '../../../fixtures/google-health/webhook-keyset.js';

const SECRET = 'Bearer webhook-secret';
const KEY_ID = 0x01020304;
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });

const signed = (body: string): string => {
  const prefix = Buffer.from([0x01, 0x01, 0x02, 0x03, 0x04]);
  return Buffer.concat([
    prefix,
    sign('sha256', Buffer.from(body), { key: privateKey, dsaEncoding: 'der' }),
  ]).toString('base64');
};

const event = (
  body: string,
  headers: Record<string, string>,
  isBase64Encoded = false,
): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /v1/webhooks/google-health',
    rawPath: '/v1/webhooks/google-health',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    body: isBase64Encoded ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded,
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
  }) as APIGatewayProxyEventV2;

const notification = (healthUserId: string, dataType: string, startTime = '2026-11-23T08:00:00Z') => ({
  data: {
    version: '1',
    healthUserId,
    operation: 'UPSERT',
    dataType,
    intervals: [{ physicalTimeInterval: { startTime, endTime: '2026-11-23T09:00:00Z' } }],
  },
});

describe('POST /v1/webhooks/google-health', () => {
  let links: InMemoryLinkStore;
  let sent: QueuedSyncJob[];
  let call: (request: APIGatewayProxyEventV2) => Promise<{ statusCode?: number; body?: string }>;
  let secret: SecretSource;

  beforeEach(() => {
    links = new InMemoryLinkStore();
    links.seed(linkFor('m-1', { healthUserId: 'hu-1' }));
    sent = [];
    const queue: SyncJobQueue = { send: async (jobs) => void sent.push(...jobs) };
    secret = { current: async () => SECRET };
    const route = createWebhookRoute({
      authorization: { current: () => secret.current() },
      keyset: staticKeysetSource(encodeWebhookKeyset([{ keyId: KEY_ID, publicKey }])),
      queue,
      logger,
    });
    // The same error mapping the httpHandler middy chain applies.
    call = async (request) => {
      try {
        return await route(request, {} as Context);
      } catch (error) {
        return errorToResponse(error, logger);
      }
    };
  });

  it('answers the verification probes 201 with the secret, 401 without, 403 with a wrong one', async () => {
    const probe = '{"type":"verification"}';
    expect((await call(event(probe, { authorization: SECRET }))).statusCode).toBe(201);
    expect((await call(event(probe, {}))).statusCode).toBe(401);
    expect((await call(event(probe, { authorization: 'Bearer guess' }))).statusCode).toBe(403);
    expect(sent).toEqual([]);
  });

  it.each(['x-healthapi-signature', 'google-health-api-signature'])(
    'queues one job per Google account for a delivery signed under %s, with no table reads',
    async (header) => {
      const body = JSON.stringify([
        notification('hu-1', 'steps', '2026-11-23T08:00:00Z'),
        notification('hu-1', 'steps', '2026-11-23T06:00:00Z'),
        notification('hu-1', 'heart-rate'),
        notification('hu-1', 'exercise'),
        notification('hu-2', 'weight'),
      ]);
      const response = await call(event(body, { authorization: SECRET, [header]: signed(body) }));

      expect(response.statusCode).toBe(204);
      expect(sent).toEqual([
        {
          healthUserId: 'hu-1',
          reason: 'webhook',
          dataTypes: ['heart-rate', 'steps'],
          changedSince: { steps: '2026-11-23T06:00:00.000Z', 'heart-rate': '2026-11-23T08:00:00.000Z' },
        },
        {
          healthUserId: 'hu-2',
          reason: 'webhook',
          dataTypes: ['weight'],
          changedSince: { weight: '2026-11-23T08:00:00.000Z' },
        },
      ]);
      // The member is found by the worker, so nothing is read or written here.
      expect((await links.get('m-1'))?.lastNotificationAt).toBeUndefined();
    },
  );

  it('checks against the current secret: a rotated value takes over, and an unreadable one answers 500', async () => {
    const probe = JSON.stringify({ type: 'verification' });
    secret = { current: async () => 'Bearer rotated' };
    expect((await call(event(probe, { authorization: SECRET }))).statusCode).toBe(403);
    expect((await call(event(probe, { authorization: 'Bearer rotated' }))).statusCode).toBe(201);
    secret = { current: () => Promise.reject(new Error('Secrets Manager unavailable')) };
    const failed = await call(event(probe, { authorization: SECRET }));
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('Secrets Manager');
    expect(sent).toEqual([]);
  });

  it('reads notifications without version, with a subscription name, and with civil-time intervals', async () => {
    const body = JSON.stringify([
      {
        clientProvidedSubscriptionName: 'pulse-relay',
        data: {
          healthUserId: 'hu-1',
          operation: 'DELETE',
          dataType: 'weight',
          intervals: [
            {
              civilTimeInterval: {
                start: { date: { year: 2026, month: 11, day: 20 }, time: { hours: 7 } },
                end: { date: { year: 2026, month: 11, day: 20 }, time: { hours: 8 } },
              },
            },
          ],
        },
      },
    ]);
    const response = await call(
      event(body, { authorization: SECRET, 'x-healthapi-signature': signed(body) }),
    );

    expect(response.statusCode).toBe(204);
    // A civil time has no zone: the window opens 14 hours early, so no zone on Earth is missed.
    expect(sent).toEqual([
      {
        healthUserId: 'hu-1',
        reason: 'webhook',
        dataTypes: ['weight'],
        changedSince: { weight: '2026-11-19T17:00:00.000Z' },
      },
    ]);
  });

  it('accepts the notifications it understands and names the positions of the others', async () => {
    const body = JSON.stringify([
      notification('hu-1', 'steps'),
      { data: { healthUserId: 'hu-1' } },
      { something: 'else' },
      notification('hu-3', 'sleep'),
    ]);
    const response = await call(
      event(body, { authorization: SECRET, 'x-healthapi-signature': signed(body) }),
    );

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '{}')).toEqual({
      accepted: 2,
      notUnderstood: [
        { index: 1, fields: ['data.dataType'] },
        { index: 2, fields: ['data'] },
      ],
    });
    expect(sent.map((job) => ('healthUserId' in job ? job.healthUserId : job.memberId))).toEqual([
      'hu-1',
      'hu-3',
    ]);
  });

  it('verifies the decoded bytes of a base64-encoded body', async () => {
    const body = JSON.stringify(notification('hu-1', 'weight'));
    const response = await call(
      event(body, { authorization: SECRET, 'x-healthapi-signature': signed(body) }, true),
    );
    expect(response.statusCode).toBe(204);
    expect(sent).toHaveLength(1);
  });

  it('refuses a bad or missing signature with 401 and queues nothing', async () => {
    const body = JSON.stringify(notification('hu-1', 'steps'));
    const forged = JSON.stringify(notification('hu-1', 'sleep'));
    expect(
      (await call(event(forged, { authorization: SECRET, 'x-healthapi-signature': signed(body) })))
        .statusCode,
    ).toBe(401);
    expect((await call(event(body, { authorization: SECRET }))).statusCode).toBe(401);
    expect((await call(event(body, { 'x-healthapi-signature': signed(body) }))).statusCode).toBe(401);
    expect(sent).toEqual([]);
  });

  it('refuses a signed body that is not a notification or an array of them with 400', async () => {
    for (const body of ['not json', '"text"', '[]', '42']) {
      const response = await call(
        event(body, { authorization: SECRET, 'x-healthapi-signature': signed(body) }),
      );
      expect(response.statusCode).toBe(400);
    }
    expect(sent).toEqual([]);
  });
});

describe('acceptanceLogLevel', () => {
  it('logs a delivery accepted whole at DEBUG (the access log and the sync already say it) and one with notifications not understood at INFO', () => {
    expect(acceptanceLogLevel({ notUnderstood: 0 })).toBe('debug');
    expect(acceptanceLogLevel({ notUnderstood: 1 })).toBe('info');
  });
});
