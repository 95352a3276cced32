import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../functions/link-pages/link-page.js';
import { createLinkPagesRoute, type LinkPagesDeps } from '../../../../functions/link-pages/routes.js';
import type { Member } from '../../../../shared/domain/member.js';
import type { MemberDirectory } from '../../../../shared/domain/ports/member-directory.js';
import type { HttpResult } from '../../../../shared/runtime/http/http-handler.js';
import { FakeGoogleOAuth } from '../../../fakes/google-oauth.js';
import { InMemoryLinkStore } from '../../../fakes/link-store.js';
import { transparentVault } from '../../../fakes/token-vault.js';

const INVITATION_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const member: Member = {
  memberId: 'm1',
  name: 'Sam',
  timezone: 'Europe/London',
  createdAt: '2026-11-01T00:00:00Z',
};

const event = (
  routeKey: string,
  rawPath: string,
  query?: Record<string, string>,
  cookies?: string[],
): APIGatewayProxyEventV2 =>
  ({
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: {},
    ...(cookies === undefined ? {} : { cookies }),
    ...(query === undefined ? {} : { queryStringParameters: query }),
    ...(rawPath.startsWith('/v1/link/')
      ? { pathParameters: { invitationId: rawPath.split('/')[3] ?? '' } }
      : {}),
    requestContext: { http: { method: 'GET', path: rawPath } },
  }) as unknown as APIGatewayProxyEventV2;

const body = (result: HttpResult) => String(result.body);

describe('link pages', () => {
  let store: InMemoryLinkStore;
  let deps: LinkPagesDeps;
  const call = (e: APIGatewayProxyEventV2) => createLinkPagesRoute(deps)(e, {} as Context);

  beforeEach(async () => {
    store = new InMemoryLinkStore();
    await store.putInvitation({
      invitationId: INVITATION_ID,
      memberId: 'm1',
      createdAt: '2026-11-23T09:00:00.000Z',
      expiresAt: '2026-11-26T09:00:00.000Z',
    });
    deps = {
      invitations: store,
      registry: store,
      links: store,
      directory: { getMember: async () => member } as unknown as MemberDirectory,
      oauth: new FakeGoogleOAuth(),
      accounts: { healthUserId: async () => 'hu-1', timeZone: async () => undefined },
      vault: transparentVault,
      sendSyncJob: async () => undefined,
      clock: { now: () => new Date('2026-11-23T10:00:00.000Z') },
      logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
      secureCookies: true,
    };
  });

  it('serves an accessible invitation page with one button, strict CSP and no caching', async () => {
    const result = await call(event('GET /v1/link/{invitationId}', `/v1/link/${INVITATION_ID}`));
    expect(result.statusCode).toBe(200);
    const html = body(result);
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>Share your Fitbit data with your support team</h1>');
    for (const shared of ['Activity and steps', 'Heart rate', 'Sleep', 'Weight', 'Blood oxygen']) {
      expect(html).toContain(`<li>${shared}</li>`);
    }
    expect(html).toContain('your GP');
    expect(html.match(/class="button"/g)).toHaveLength(1);
    expect(html).toContain(`href="/v1/link/${INVITATION_ID}/start"`);
    expect(html).not.toContain('<script');
    const style = /<style>(.*)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(result.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    });
  });

  it('answers unknown and malformed invitations with a plain 404 page', async () => {
    const unknown = await call(event('GET /v1/link/{invitationId}', '/v1/link/BBBBBBBBBBBBBBBBBBBBBB'));
    expect(unknown.statusCode).toBe(404);
    const malformed = await call(event('GET /v1/link/{invitationId}', '/v1/link/<script>'));
    expect(malformed.statusCode).toBe(404);
    expect(body(malformed)).not.toContain('<script>');
  });

  it('start redirects to Google without leaking the page address as a referrer', async () => {
    const result = await call(event('GET /v1/link/{invitationId}/start', `/v1/link/${INVITATION_ID}/start`));
    expect(result.statusCode).toBe(302);
    expect(result.headers?.location).toMatch(/^https:\/\/google\.test\/auth\?state=AAAAAAAAAAAAAAAAAAAAAA\./);
    expect(result.headers?.['referrer-policy']).toBe('no-referrer');
  });

  it('start gives the browser a Secure, HttpOnly, Lax binding cookie scoped to the callback', async () => {
    const result = await call(event('GET /v1/link/{invitationId}/start', `/v1/link/${INVITATION_ID}/start`));
    expect(result.cookies).toHaveLength(1);
    const cookie = result.cookies?.[0] ?? '';
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toMatch(/^pulse_link_binding=[A-Za-z0-9_-]{43}$/);
    expect(attributes.sort()).toEqual(
      ['HttpOnly', 'Max-Age=3600', 'Path=/v1/oauth/google/callback', 'SameSite=Lax', 'Secure'].sort(),
    );
    const state = new URL(result.headers?.location ?? '').searchParams.get('state') ?? '';
    expect(state).not.toContain(pair?.split('=')[1]);
    deps.secureCookies = false;
    const local = await call(event('GET /v1/link/{invitationId}/start', `/v1/link/${INVITATION_ID}/start`));
    expect(local.cookies?.[0]).not.toContain('Secure');
  });

  describe('the callback', () => {
    const startInBrowser = async () => {
      const start = await call(event('GET /v1/link/{invitationId}/start', `/v1/link/${INVITATION_ID}/start`));
      return {
        state: new URL(start.headers?.location ?? '').searchParams.get('state') ?? '',
        cookie: (start.cookies?.[0] ?? '').split(';')[0] ?? '',
      };
    };
    const callback = (state: string, cookies?: string[]) =>
      call(
        event('GET /v1/oauth/google/callback', '/v1/oauth/google/callback', { state, code: 'c' }, cookies),
      );

    it.each([
      ['no cookie', undefined],
      ['a wrong cookie', ['pulse_link_binding=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']],
      ['only unrelated cookies', ['theme=dark']],
    ])('from a browser with %s: 403 in plain words, no exchange, nothing linked', async (_, cookies) => {
      const { state } = await startInBrowser();
      const result = await callback(state, cookies);
      expect(result.statusCode).toBe(403);
      expect(body(result)).toContain('Nothing has been linked.');
      expect(body(result)).toContain('on the same phone, and start again');
      expect(result.cookies).toBeUndefined();
      expect((deps.oauth as FakeGoogleOAuth).exchanges).toEqual([]);
      expect(store.links.size).toBe(0);
    });

    it('from the browser that started: linked, and the binding cookie is cleared', async () => {
      const { state, cookie } = await startInBrowser();
      const result = await callback(state, ['theme=dark', cookie]);
      expect(result.statusCode).toBe(200);
      expect(store.links.get('m1')?.link.state).toBe('linked');
      expect(result.cookies).toEqual([
        'pulse_link_binding=; Max-Age=0; Path=/v1/oauth/google/callback; HttpOnly; SameSite=Lax; Secure',
      ]);
    });
  });

  it('never clears the binding cookie on a refused callback (a forged URL must not end a live attempt)', async () => {
    const start = await call(event('GET /v1/link/{invitationId}/start', `/v1/link/${INVITATION_ID}/start`));
    const cookie = (start.cookies?.[0] ?? '').split(';')[0] ?? '';
    const forged = await call(
      event(
        'GET /v1/oauth/google/callback',
        '/v1/oauth/google/callback',
        { state: `${INVITATION_ID}.${'B'.repeat(43)}`, code: 'c' },
        [cookie],
      ),
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.cookies).toBeUndefined();
  });

  it('routes by path when the front end sends $default', async () => {
    const result = await call(event('$default', `/v1/link/${INVITATION_ID}/start`));
    expect(result.statusCode).toBe(302);
  });

  it('answers a callback with an unknown state with a 400 page in plain words', async () => {
    const result = await call(
      event('GET /v1/oauth/google/callback', '/v1/oauth/google/callback', { state: 'x.y', code: 'c' }),
    );
    expect(result.statusCode).toBe(400);
    expect(body(result)).toContain('Nothing has been linked.');
  });

  it('turns an unexpected failure into a plain 500 page with no detail', async () => {
    deps.invitations.getInvitation = () => Promise.reject(new Error('DynamoDB exploded at table xyz'));
    const result = await call(event('GET /v1/link/{invitationId}', `/v1/link/${INVITATION_ID}`));
    expect(result.statusCode).toBe(500);
    expect(body(result)).not.toContain('exploded');
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
  });

  it('escapes everything interpolated into a page', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
  });
});
