import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserSession } from '../../../local/browser-session.js';
import type { ConsentOptions } from '../../../local/google-health-simulator/oauth-server.js';
import {
  type GoogleHealthSimulator,
  SCOPES,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkStore } from '../../../shared/adapters/dynamodb-link-store.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import { linkKey } from '../../../shared/adapters/table-keys.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { createInvitation } from '../../../shared/domain/link/create-invitation.js';
import { ROUTES } from '../../../shared/runtime/resource-catalogue.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { queueDepth } from '../support/queue-messages.js';
import { waitUntil } from '../support/wait-until.js';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => unknown;
type SqsHandler = (event: SQSEvent, context: Context) => unknown;

const WEBHOOK_SECRET = `Bearer ${randomBytes(16).toString('hex')}`;
let simulator: GoogleHealthSimulator;
let api: HttpApiAdapter;
let stack: IsolatedStack;
const handlers: { linkPages?: HttpHandler; webhook?: HttpHandler } = {};

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 2026 });
  const delegate =
    (name: keyof typeof handlers): HttpHandler =>
    (event, context) => {
      const handler = handlers[name];
      if (handler === undefined) throw new Error(`${name} not loaded`);
      return handler(event, context);
    };
  api = await startHttpApiAdapter({
    routes: ROUTES.filter(
      (route) => route.function === 'link-pages' || route.function === 'google-health-webhook',
    ).map(({ method, path, function: name }) => ({
      method,
      path,
      functionName: name,
      handler: delegate(name === 'link-pages' ? 'linkPages' : 'webhook'),
    })),
    log: () => undefined,
  });
  stack = await createIsolatedStack({
    environment: {
      PUBLIC_BASE_URL: api.url,
      GOOGLE_CLIENT_ID: simulator.client.clientId,
      GOOGLE_CLIENT_SECRET: simulator.client.clientSecret,
      GOOGLE_OAUTH_AUTHORIZE_URL: simulator.urls.authorize,
      GOOGLE_OAUTH_TOKEN_URL: simulator.urls.token,
      GOOGLE_OAUTH_REVOKE_URL: simulator.urls.revoke,
      GOOGLE_HEALTH_API_URL: simulator.urls.api,
      GOOGLE_HEALTH_WEBHOOK_AUTHORIZATION: WEBHOOK_SECRET,
      GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEYSET: JSON.stringify(simulator.publicKeyset()),
      LOCAL_TOKEN_KEY: randomBytes(32).toString('base64'),
      POWERTOOLS_DEV: 'false',
      LOG_LEVEL: 'ERROR',
    },
  });
  handlers.linkPages = (await import('../../../functions/link-pages/handler.js')).handler as HttpHandler;
  handlers.webhook = (await import('../../../functions/google-health-webhook/handler.js'))
    .handler as HttpHandler;
  const syncWorker = (await import('../../../functions/sync-worker/handler.js')).handler as SqsHandler;
  await stack.startQueueRunner({
    queueUrl: stack.resources.queues.syncJobs.url,
    functionName: 'sync-worker',
    handler: syncWorker,
    batchSize: 10,
    log: () => undefined,
  });
});

afterAll(async () => {
  await api?.stop();
  await simulator?.stop();
  await stack?.stop();
});

const documentClient = () => createDocumentClient();

const readingsOf = async (memberId: string, metric: string) =>
  (
    await documentClient().send(
      new QueryCommand({
        TableName: stack.resources.tables.readings,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `MEMBER#${memberId}#${metric}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** A member linked through the real link pages and the simulator's consent screen. */
const linkMember = async (userKey: string, consent: ConsentOptions = {}): Promise<string> => {
  const directory = new DynamoDbMemberDirectory(documentClient(), stack.resources.tables.directory);
  const memberId = `m-${randomBytes(4).toString('hex')}`;
  await directory.createMember({
    memberId,
    name: 'Test Member',
    timezone: 'Europe/London',
    createdAt: new Date().toISOString(),
  });
  const { url } = await createInvitation(memberId, {
    directory,
    invitations: new DynamoDbInvitationStore(documentClient(), stack.resources.tables.directory),
    clock: systemClock,
    publicBaseUrl: api.url,
  });
  simulator.setNextConsent('approve', userKey, consent);
  expect((await createBrowserSession().follow(`${url}/start`)).status).toBe(200);
  return memberId;
};

describe('Google Health webhook to readings, through the real handlers', () => {
  it('links, backfills, passes endpoint verification and syncs what a signed notification announces', async () => {
    const fourDaysAgo = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10);
    const user = simulator.createUser({
      userKey: 'webhook-user',
      timezone: 'Europe/London',
      dataStartDate: fourDaysAgo,
    });
    const memberId = await linkMember(user.userKey);

    // The backfill job queued by linking is run by the sync worker.
    // The backfill is a chain of bounded jobs, a member-local day each, through the queue.
    await waitUntil(async () => (await readingsOf(memberId, 'heart-rate')).length >= 4, {
      timeoutMs: 90_000,
      description: 'backfilled heart-rate hours',
    });

    // Google's subscriber creation runs the two verification probes against our endpoint.
    const created = await fetch(
      `${simulator.urls.api}/v4/projects/123456789012/subscribers?subscriberId=local`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          endpointUri: `${api.url}/v1/webhooks/google-health`,
          subscriberConfigs: [{ dataTypes: ['weight', 'steps'], subscriptionCreatePolicy: 'AUTOMATIC' }],
          endpointAuthorization: { secret: WEBHOOK_SECRET },
        }),
      },
    );
    expect(created.status).toBe(200);

    const weighedAt = new Date(Date.now() - 3_600_000).toISOString();
    simulator.appendData(user.userKey, [{ dataType: 'weight', time: weighedAt, weightGrams: 73_400 }]);
    const forged = await simulator.notify(
      user.userKey,
      { dataType: 'weight', intervals: [{ startTime: weighedAt, endTime: weighedAt }] },
      { corruptSignature: true },
    );
    expect(forged.map((delivery) => delivery.status)).toEqual([401]);
    // A production-shaped delivery: an array, no version, a subscription name, civil times too.
    const delivered = await simulator.notify(
      user.userKey,
      [
        { dataType: 'weight', intervals: [{ startTime: weighedAt, endTime: weighedAt }] },
        { dataType: 'steps', intervals: [{ startTime: weighedAt, endTime: weighedAt }] },
      ],
      {
        signatureHeader: 'GOOGLE-HEALTH-API-SIGNATURE',
        withoutVersion: true,
        subscriptionName: 'pulse-relay',
        withCivilTime: true,
      },
    );
    expect(delivered.map((delivery) => delivery.status)).toEqual([204]);

    const weight = await waitUntil(
      async () =>
        (await readingsOf(memberId, 'weight')).find(
          (item) => item.measuredAt === new Date(weighedAt).toISOString() && item.kilograms === 73.4,
        ),
      { timeoutMs: 15_000, description: 'the notified weight reading' },
    );
    // Reconciled points carry no dataSource: the method is honestly unknown, never guessed.
    expect(weight.provenance).toMatchObject({ source: 'google-health', recordingMethod: 'unknown' });
    // The worker records the notification when it resolves the account (a retried backfill may store the
    // weight first, so wait for the webhook job itself).
    await waitUntil(
      async () => {
        const link = await documentClient().send(
          new GetCommand({
            TableName: stack.resources.tables.directory,
            Key: linkKey(memberId),
            ConsistentRead: true,
          }),
        );
        return link.Item?.lastNotificationAt;
      },
      { timeoutMs: 15_000, description: 'the notification recorded by the sync worker' },
    );

    // A notification with nothing new moves no cursor; the sync must still be recorded (regression:
    // DynamoDB refused the update for naming an unused #cursors attribute, so every such sync failed).
    const lastSyncAt = async () => {
      const { Item } = await documentClient().send(
        new GetCommand({
          TableName: stack.resources.tables.directory,
          Key: linkKey(memberId),
          ConsistentRead: true,
        }),
      );
      return typeof Item?.lastSyncAt === 'string' ? Item.lastSyncAt : undefined;
    };
    // Let the jobs already queued (backfill, the weight notification) finish first.
    await sleep(1_500);
    const syncedBefore = await waitUntil(lastSyncAt, { description: 'the earlier syncs recorded' });
    const again = await simulator.notify(user.userKey, {
      dataType: 'weight',
      intervals: [{ startTime: weighedAt, endTime: weighedAt }],
    });
    expect(again.map((delivery) => delivery.status)).toEqual([204]);
    await waitUntil(async () => ((await lastSyncAt()) ?? '') > syncedBefore, {
      timeoutMs: 15_000,
      description: 'a second sync recorded with no cursor moved',
    });
  }, 150_000);

  it('syncs every other type when the member refused one scope: one staff task, no failed job', async () => {
    const user = simulator.createUser({
      userKey: 'partial-consent-user',
      timezone: 'Europe/London',
      dataStartDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
    });
    // The member unticks "health metrics" (heart rate, weight, SpO2, HRV...) on Google's consent screen.
    const memberId = await linkMember(user.userKey, {
      grantedScopes: [SCOPES.activity, SCOPES.sleep, SCOPES.settings],
    });
    const links = new DynamoDbLinkStore(documentClient(), stack.resources.tables.directory);

    const link = await waitUntil(
      async () => {
        const current = await links.get(memberId);
        // The backfill chain has reached today for steps.
        const stepsCursor = current?.cursors.steps ?? '';
        const recent = stepsCursor > new Date(Date.now() - 86_400_000).toISOString();
        return (current?.refusedTypes ?? []).length > 0 && recent && current;
      },
      { timeoutMs: 90_000, description: 'the backfill recording the refused types' },
    );
    expect(link.state).toBe('linked');
    expect(link.refusedTypes).toEqual([
      'daily-oxygen-saturation',
      'daily-resting-heart-rate',
      'heart-rate',
      'heart-rate-variability',
      'oxygen-saturation',
      'weight',
    ]);
    expect(link.grantedTypes).toEqual(expect.arrayContaining(['sleep', 'steps']));
    // The device is seen worn through steps, so the no-data rule has a recent last-seen time.
    expect(link.lastDataAt).toBeDefined();
    expect((await readingsOf(memberId, 'steps')).length).toBeGreaterThan(0);
    expect(await readingsOf(memberId, 'heart-rate')).toEqual([]);

    const alerts = new DynamoDbAlertStore(documentClient(), stack.resources.tables.alerts);
    const tasks = await alerts.list({ memberId });
    expect(tasks.map((alert) => [alert.rule, alert.severity])).toEqual([
      ['link-scope-refused', 'staff-task'],
    ]);
    expect(tasks[0]?.explanation).toContain('re-consent to heart rate');
    expect(await queueDepth(stack.sqs, stack.resources.queues.syncJobsDlq.url)).toBe(0);
  }, 120_000);

  it('marks the link needs-relink when Google refuses everything until the member consents again', async () => {
    const user = simulator.createUser({
      userKey: 'withdrawn-user',
      timezone: 'Europe/London',
      dataStartDate: new Date(Date.now() - 1 * 86_400_000).toISOString().slice(0, 10),
    });
    const memberId = await linkMember(user.userKey);
    const links = new DynamoDbLinkStore(documentClient(), stack.resources.tables.directory);
    await waitUntil(
      async () =>
        ((await links.get(memberId))?.cursors['heart-rate'] ?? '') >
        new Date(Date.now() - 86_400_000).toISOString(),
      { timeoutMs: 90_000, description: 'the backfill' },
    );

    // Consent withdrawn: every call answers 403 RESOURCE_PERMISSION_DENIED. The next catch-up finds out.
    simulator.setPermissionDenied(user.userKey, true);
    await stack.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.resources.queues.syncJobs.url,
        MessageBody: JSON.stringify({ memberId, reason: 'catch-up' }),
      }),
    );
    await waitUntil(async () => (await links.get(memberId))?.state === 'needs-relink', {
      timeoutMs: 20_000,
      description: 'the link marked needs-relink',
    });
    const alerts = new DynamoDbAlertStore(documentClient(), stack.resources.tables.alerts);
    // The staff task is raised just after the state changes.
    const raised = await waitUntil(async () => {
      const listed = await alerts.list({ memberId });
      return listed.length > 0 && listed;
    });
    expect(raised.map((alert) => alert.rule)).toEqual(['link-needs-relink']);
    expect(await queueDepth(stack.sqs, stack.resources.queues.syncJobsDlq.url)).toBe(0);
  }, 150_000);
});
