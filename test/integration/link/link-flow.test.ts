import { randomBytes } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserSession, createBrowserSession } from '../../../local/browser-session.js';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { DynamoDbAlertStore } from '../../../shared/adapters/dynamodb-alert-store.js';
import { createDocumentClient } from '../../../shared/adapters/dynamodb-document-client.js';
import { DynamoDbInvitationStore } from '../../../shared/adapters/dynamodb-invitation-store.js';
import { DynamoDbLinkRegistry } from '../../../shared/adapters/dynamodb-link-registry.js';
import { DynamoDbMemberDirectory } from '../../../shared/adapters/dynamodb-member-directory.js';
import {
  createAccessTokenProvider,
  createLinkAdapters,
  type LinkAdapters,
} from '../../../shared/adapters/google-health/oauth-composition.js';
import { apiV4Base } from '../../../shared/adapters/google-health/oauth-health-account-reader.js';
import { SqsAlertPublisher } from '../../../shared/adapters/sqs-alert-publisher.js';
import { linkKey } from '../../../shared/adapters/table-keys.js';
import { systemClock } from '../../../shared/domain/clock.js';
import { alertingRelinkRaiser } from '../../../shared/domain/link/alerting-relink-raiser.js';
import { createInvitation } from '../../../shared/domain/link/create-invitation.js';
import { linkStatus } from '../../../shared/domain/link/link-status.js';
import { InvalidGrantError } from '../../../shared/domain/link/oauth-errors.js';
import { LinkNotActiveError } from '../../../shared/domain/link/refreshing-access-token-provider.js';
import { unlink } from '../../../shared/domain/link/unlink.js';
import { LinkNeedsRelinkError } from '../../../shared/domain/ports/access-token-provider.js';
import { ROUTES } from '../../../shared/runtime/resource-catalogue.js';
import { createIsolatedStack, type IsolatedStack } from '../support/isolated-stack.js';
import { receiveAll } from '../support/queue-messages.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => unknown;

let simulator: GoogleHealthSimulator;
let api: HttpApiAdapter;
let stack: IsolatedStack;
let adapters: LinkAdapters;
let invitations: DynamoDbInvitationStore;
let registry: DynamoDbLinkRegistry;
const unlinkDeps = () => ({
  ...adapters,
  tokens: adapters.linkStore,
  registry,
  invitations,
  clock: systemClock,
});
let directory: DynamoDbMemberDirectory;
let linkPagesHandler: Handler | undefined;
const documentClient = () => createDocumentClient();

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({ port: 0 });
  const delegate: Handler = (event, context) => {
    if (linkPagesHandler === undefined) throw new Error('handler not loaded');
    return linkPagesHandler(event, context);
  };
  api = await startHttpApiAdapter({
    routes: ROUTES.filter((route) => route.function === 'link-pages').map(({ method, path }) => ({
      method,
      path,
      functionName: 'link-pages',
      handler: delegate,
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
      LOCAL_TOKEN_KEY: randomBytes(32).toString('base64'),
      POWERTOOLS_DEV: 'false',
      LOG_LEVEL: 'ERROR',
    },
  });
  linkPagesHandler = (await import('../../../functions/link-pages/handler.js')).handler as Handler;
  adapters = createLinkAdapters(documentClient());
  invitations = new DynamoDbInvitationStore(documentClient(), stack.resources.tables.directory);
  registry = new DynamoDbLinkRegistry(documentClient(), stack.resources.tables.directory);
  directory = new DynamoDbMemberDirectory(documentClient(), stack.resources.tables.directory);
});

afterAll(async () => {
  await api?.stop();
  await simulator?.stop();
  await stack?.stop();
});

const newMember = async (): Promise<string> => {
  const memberId = `m-${randomBytes(4).toString('hex')}`;
  await directory.createMember({
    memberId,
    name: 'Test Member',
    timezone: 'Europe/London',
    createdAt: new Date().toISOString(),
  });
  return memberId;
};

const invite = (memberId: string) =>
  createInvitation(memberId, {
    directory,
    invitations,
    clock: systemClock,
    publicBaseUrl: api.url,
  });

/** The member's phone: each consent walk starts on a fresh one, and it keeps the binding cookie. */
let phone: BrowserSession = createBrowserSession();

const get = async (url: string, browser: BrowserSession = phone) => {
  const response = await browser.get(url);
  return { status: response.status, location: response.headers.get('location') ?? '', response };
};

/** Page -> start -> Google consent -> the callback URL the browser would be sent to, on a fresh phone. */
const consentAndGetCallback = async (
  invitationUrl: string,
  /** null: the test queued its own consent decision. */
  userKey: string | null = simulator.createUser().userKey,
): Promise<string> => {
  if (userKey !== null) simulator.setNextConsent('approve', userKey);
  phone = createBrowserSession();
  const page = await get(invitationUrl);
  expect(page.status).toBe(200);
  const start = await get(`${invitationUrl}/start`);
  expect(start.status).toBe(302);
  expect(start.location.startsWith(simulator.urls.authorize)).toBe(true);
  const google = await get(start.location);
  expect(google.status).toBe(302);
  expect(google.location.startsWith(`${api.url}/v1/oauth/google/callback`)).toBe(true);
  return google.location;
};

const pageText = async (url: string, browser: BrowserSession = phone) => {
  const { status, response } = await get(url, browser);
  return { status, html: await response.text(), headers: response.headers };
};

const rawLinkItem = async (memberId: string) =>
  (
    await documentClient().send(
      new GetCommand({ TableName: stack.resources.tables.directory, Key: linkKey(memberId) }),
    )
  ).Item;

/** Makes the stored access token look expired, keeping the token version, as time passing would. */
const expireStoredAccessToken = async (memberId: string) => {
  const stored = await adapters.linkStore.readTokens(memberId);
  if (stored === undefined) throw new Error('no tokens');
  const bundle = await adapters.vault.open(memberId, stored.sealed);
  const sealed = await adapters.vault.seal(memberId, {
    ...bundle,
    accessTokenExpiresAt: '2020-01-01T00:00:00.000Z',
  });
  await documentClient().send(
    new UpdateCommand({
      TableName: stack.resources.tables.directory,
      Key: linkKey(memberId),
      UpdateExpression: 'SET sealedTokens = :sealed',
      ExpressionAttributeValues: { ':sealed': sealed },
    }),
  );
  return bundle;
};

const tokenCalls = () =>
  simulator.requestLog().entries.filter((entry) => entry.method === 'POST' && entry.route.endsWith('/token'))
    .length;
const revokeCalls = () =>
  simulator.requestLog().entries.filter((entry) => entry.method === 'POST' && entry.route.endsWith('/revoke'))
    .length;

const identityWith = async (accessToken: string) =>
  (
    await fetch(`${apiV4Base(simulator.urls.api)}/users/me/identity`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status;

const relinkRaiser = () =>
  alertingRelinkRaiser(directory, {
    alerts: new DynamoDbAlertStore(documentClient(), stack.resources.tables.alerts),
    publisher: new SqsAlertPublisher(new SQSClient({}), stack.resources.queues.alerts.url),
    clock: systemClock,
  });

describe('linking a Google Health account end to end', () => {
  beforeEach(async () => {
    simulator.resetRequestLog();
    simulator.setRotateRefreshTokens(false);
    await receiveAll(stack.sqs, stack.resources.queues.syncJobs.url, { timeoutMs: 1_500 });
  });

  it('invite -> page -> Google -> callback: linked, tokens encrypted at rest, backfill queued', async () => {
    const memberId = await newMember();
    const { url } = await invite(memberId);
    const invitationPage = await pageText(url);
    expect(invitationPage.html).toContain('What will be shared');
    expect(invitationPage.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(invitationPage.headers.get('cache-control')).toBe('no-store');

    const account = simulator.createUser();
    const done = await pageText(await consentAndGetCallback(url, account.userKey));
    expect(done.status).toBe(200);
    expect(done.html).toContain('You don&#39;t need to do anything else');

    const item = await rawLinkItem(memberId);
    expect(item).toMatchObject({
      state: 'linked',
      healthUserId: account.healthUserId,
    });
    const bundle = await adapters.vault.open(
      memberId,
      (await adapters.linkStore.readTokens(memberId))?.sealed ?? fail(),
    );
    const raw = JSON.stringify(item);
    expect(raw).not.toContain(bundle.refreshToken);
    expect(raw).not.toContain(bundle.accessToken);
    expect(await identityWith(bundle.accessToken)).toBe(200);

    const jobs = await receiveAll(stack.sqs, stack.resources.queues.syncJobs.url, { expected: 1 });
    expect(jobs.map((job) => JSON.parse(job.Body ?? '{}'))).toEqual([
      { memberId, reason: 'backfill', backfillDays: 30 },
    ]);
    expect(await linkStatus(memberId, { links: adapters.linkStore })).toMatchObject({ state: 'linked' });

    // The invitation, the start and the callback cannot be used again.
    expect((await pageText(url)).status).toBe(410);
    expect((await get(`${url}/start`)).status).toBe(410);
    await unlink(memberId, unlinkDeps());
  });

  it('refuses a replayed callback and a used invitation', async () => {
    const memberId = await newMember();
    const { url } = await invite(memberId);
    const callback = await consentAndGetCallback(url);
    expect((await pageText(callback)).status).toBe(200);
    const replay = await pageText(callback);
    expect(replay.status).toBe(410);
    expect(replay.html).toContain('already been used');
    expect(tokenCalls()).toBe(1);
    await unlink(memberId, unlinkDeps());
  });

  it('refuses a callback whose state does not match, leaving the real attempt usable', async () => {
    const memberId = await newMember();
    const { url, invitationId } = await invite(memberId);
    const callback = new URL(await consentAndGetCallback(url));
    const forged = new URL(callback);
    forged.searchParams.set('state', `${invitationId}.${randomBytes(32).toString('base64url')}`);
    const refused = await pageText(forged.toString());
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Nothing has been linked');
    expect(await rawLinkItem(memberId)).toBeUndefined();
    expect(tokenCalls()).toBe(0);
    expect((await pageText(callback.toString())).status).toBe(200);
    await unlink(memberId, unlinkDeps());
  });

  it('links nothing when the callback is opened in another browser, and links when the starting browser opens it', async () => {
    const memberId = await newMember();
    const { url } = await invite(memberId);
    const callback = await consentAndGetCallback(url);
    const earlierPhone = phone;
    const start = await get(`${url}/start`, createBrowserSession());
    expect(start.status).toBe(302);
    expect(start.response.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^pulse_link_binding=[\w-]{43}; Max-Age=3600; Path=\/v1\/oauth\/google\/callback; HttpOnly; SameSite=Lax$/,
      ),
    ]);
    // That second start replaced the member's attempt; start the member's phone again for a live one.
    const live = await consentAndGetCallback(url);
    expect(live).not.toBe(callback);

    for (const otherBrowser of [createBrowserSession(), earlierPhone]) {
      const refused = await pageText(live, otherBrowser);
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('Nothing has been linked.');
      expect(refused.html).toContain('on the same phone, and start again');
    }
    const plainFetch = await fetch(live, { redirect: 'manual' });
    expect(plainFetch.status).toBe(403);
    expect(await rawLinkItem(memberId)).toBeUndefined();
    expect(tokenCalls()).toBe(0);

    const done = await pageText(live);
    expect(done.status).toBe(200);
    expect(done.headers.getSetCookie()).toEqual([expect.stringMatching(/^pulse_link_binding=; Max-Age=0;/)]);
    expect((await rawLinkItem(memberId))?.state).toBe('linked');
    expect(tokenCalls()).toBe(1);
    await unlink(memberId, unlinkDeps());
  });

  it('links nothing when the PKCE verifier does not match the challenge Google saw', async () => {
    const memberId = await newMember();
    const { url, invitationId } = await invite(memberId);
    const callback = await consentAndGetCallback(url);
    await documentClient().send(
      new UpdateCommand({
        TableName: stack.resources.tables.directory,
        Key: { pk: `INVITE#${invitationId}`, sk: 'INVITE' },
        UpdateExpression: 'SET pendingAuthorization.codeVerifier = :other',
        ExpressionAttributeValues: { ':other': randomBytes(32).toString('base64url') },
      }),
    );
    const page = await pageText(callback);
    expect(page.status).toBe(502);
    expect(page.html).toContain('Nothing has been linked');
    expect(await rawLinkItem(memberId)).toBeUndefined();
  });

  it('on a decline links nothing and leaves the invitation usable until it expires', async () => {
    const memberId = await newMember();
    const { url } = await invite(memberId);
    simulator.setNextConsent('deny');
    const page = await pageText(await consentAndGetCallback(url, null));
    expect(page.status).toBe(200);
    expect(page.html).toContain('You chose not to share. Nothing has been linked.');
    expect(await rawLinkItem(memberId)).toBeUndefined();
    expect((await pageText(url)).status).toBe(200);
    expect(tokenCalls()).toBe(0);
  });

  it("refuses an account already linked to another member, never revoking the grant that member's link uses", async () => {
    const first = await newMember();
    const second = await newMember();
    const account = simulator.createUser();
    expect(
      (await pageText(await consentAndGetCallback((await invite(first)).url, account.userKey))).status,
    ).toBe(200);
    simulator.resetRequestLog();

    const { url, invitationId } = await invite(second);
    const page = await pageText(await consentAndGetCallback(url, account.userKey));
    expect(page.status).toBe(409);
    expect(page.html).toContain('already linked to someone else');
    expect(await rawLinkItem(second)).toBeUndefined();
    expect(revokeCalls()).toBe(0);
    expect(await adapters.linkStore.findMemberByHealthUserId(account.healthUserId)).toBe(first);
    expect((await linkStatus(first, { links: adapters.linkStore })).state).toBe('linked');
    expect((await invitations.getInvitation(invitationId))?.usedAt).toBeUndefined();
    await unlink(first, unlinkDeps());
  });
});

describe('access tokens for sync workers', () => {
  const linkNewMember = async () => {
    const memberId = await newMember();
    const account = simulator.createUser();
    expect(
      (await pageText(await consentAndGetCallback((await invite(memberId)).url, account.userKey))).status,
    ).toBe(200);
    return { memberId, account };
  };

  it('ten concurrent workers with rotating refresh tokens: one refresh, ten working tokens, nothing lost', async () => {
    simulator.setRotateRefreshTokens(true);
    const { memberId } = await linkNewMember();
    for (const round of [1, 2]) {
      const before = await expireStoredAccessToken(memberId);
      simulator.resetRequestLog();
      const workers = Array.from({ length: 10 }, () =>
        createAccessTokenProvider(adapters, relinkRaiser(), systemClock, { pollMs: 25 }),
      );
      const tokens = await Promise.all(workers.map((worker) => worker.accessTokenFor(memberId)));
      expect(tokenCalls(), `round ${round}`).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(before.accessToken);
      expect(await identityWith(tokens[0] ?? '')).toBe(200);
      const after = await adapters.vault.open(
        memberId,
        (await adapters.linkStore.readTokens(memberId))?.sealed ?? fail(),
      );
      expect(after.refreshToken).not.toBe(before.refreshToken);
    }
    expect((await rawLinkItem(memberId))?.state).toBe('linked');
  });

  it('invalid_grant after the member revoked access: needs-relink and a staff alert', async () => {
    const { memberId, account } = await linkNewMember();
    await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { timeoutMs: 1_000 });
    simulator.revokeUserAccess(account.userKey);
    await expireStoredAccessToken(memberId);
    const worker = createAccessTokenProvider(adapters, relinkRaiser());
    await expect(worker.accessTokenFor(memberId)).rejects.toBeInstanceOf(LinkNeedsRelinkError);
    expect((await linkStatus(memberId, { links: adapters.linkStore })).state).toBe('needs-relink');
    const alerts = await receiveAll(stack.sqs, stack.resources.queues.alerts.url, { expected: 1 });
    expect(alerts.map((message) => JSON.parse(message.Body ?? '{}'))).toEqual([
      expect.objectContaining({ memberId, rule: 'link-needs-relink', severity: 'staff-task' }),
    ]);
  });

  it('unlink revokes at Google, removes tokens and the account mapping, and stops token hand-out', async () => {
    const { memberId, account } = await linkNewMember();
    const { refreshToken } = await adapters.vault.open(
      memberId,
      (await adapters.linkStore.readTokens(memberId))?.sealed ?? fail(),
    );
    simulator.resetRequestLog();
    expect(await unlink(memberId, unlinkDeps())).toEqual({
      unlinked: true,
      revocation: 'revoked',
      invitationsCancelled: 0,
    });
    expect(revokeCalls()).toBe(1);
    await expect(adapters.oauth.refresh(refreshToken)).rejects.toBeInstanceOf(InvalidGrantError);
    const item = await rawLinkItem(memberId);
    expect(item?.state).toBe('unlinked');
    expect(item?.sealedTokens).toBeUndefined();
    expect(await adapters.linkStore.findMemberByHealthUserId(account.healthUserId)).toBeUndefined();
    await expect(
      createAccessTokenProvider(adapters, relinkRaiser()).accessTokenFor(memberId),
    ).rejects.toBeInstanceOf(LinkNotActiveError);
  });
});

function fail(): never {
  throw new Error('expected stored tokens');
}
