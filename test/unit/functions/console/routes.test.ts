import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { newSession, sessionCookie } from '../../../../functions/console/console-session.js';
import { createConsolePagesRoute } from '../../../../functions/console/routes.js';
import { createConsoleActionsRoute } from '../../../../functions/console-actions/routes.js';
import { createInvitationRoute } from '../../../../functions/console-invitations/routes.js';
import { createSignInRoute } from '../../../../functions/console-sign-in/routes.js';
import type { Alert } from '../../../../shared/domain/alert.js';
import type { AuditRecord } from '../../../../shared/domain/audit-record.js';
import type { TeamMember } from '../../../../shared/domain/ports/care-team-roster.js';
import type { StaffMember } from '../../../../shared/domain/staff/staff-member.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const key = randomBytes(32);
const members: TeamMember[] = [
  {
    memberId: 'm-a',
    name: 'Ada North',
    timezone: 'Europe/London',
    createdAt: '2026-11-01T00:00:00Z',
    teamId: 'team-north',
  },
  {
    memberId: 'm-b',
    name: 'Bea South',
    timezone: 'Europe/London',
    createdAt: '2026-11-01T00:00:00Z',
    teamId: 'team-south',
  },
];
const alerts = [
  { alertKey: 'm-a#bp-severe#2026-12-01', memberId: 'm-a', status: 'open' },
  { alertKey: 'm-b#bp-severe#2026-12-01', memberId: 'm-b', status: 'open' },
] as Alert[];
const staff: StaffMember[] = [{ email: 'nia@example.org', name: 'Nia', teams: ['team-north'] }];

const setup = () => {
  const audit: AuditRecord[] = [];
  const acknowledged: unknown[] = [];
  const unused = () => {
    throw new Error('not expected in this test');
  };
  const deps = {
    cookies: async () => ({ key, secure: true }),
    identity: {
      beginSignIn: async () => ({
        authorizationUrl: 'https://idp.example/authorize?x=1',
        checks: { state: 's', nonce: 'n', codeVerifier: 'v' },
      }),
      finishSignIn: unused,
    },
    staff: { getStaff: async (email: string) => staff.find((s) => s.email === email) },
    roster: {
      teamMember: async (id: string) => members.find((m) => m.memberId === id),
      membersOf: async (teams: readonly string[]) => members.filter((m) => teams.includes(m.teamId)),
    },
    audit: {
      record: async (entry: AuditRecord) => void audit.push(entry),
      list: async () => [],
    },
    alerts: {
      list: async () => [],
      get: async (memberId: string, alertKey: string) =>
        alerts.find((alert) => alert.memberId === memberId && alert.alertKey === alertKey),
    },
    actions: {
      acknowledge: async (input: { alertKey: string; by: string; note?: string }) =>
        void acknowledged.push(input),
      snooze: unused,
    },
    readings: { listRange: async () => [] },
    thresholds: {
      getOverrides: async () => ({ bloodPressure: { severeSystolic: 170 } }),
      listHistory: async () => [
        {
          overrides: { bloodPressure: { severeSystolic: 170 } },
          setBy: 'Dr Rao',
          reason: 'Usual readings run high; agreed with GP',
          reviewBy: '2027-03-01',
          setAt: '2026-11-20T10:00:00.000Z',
          disabledRules: [],
        },
      ],
    },
    links: { status: async () => undefined },
    directory: {},
    invitations: {},
    clock: { now: () => NOW },
    publicBaseUrl: 'https://relay.example',
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as Parameters<typeof createConsolePagesRoute>[0] &
    Parameters<typeof createConsoleActionsRoute>[0] &
    Parameters<typeof createSignInRoute>[0];
  return {
    pages: createConsolePagesRoute(deps),
    actions: createConsoleActionsRoute(deps),
    signIn: createSignInRoute(deps),
    deps,
    audit,
    acknowledged,
  };
};

const signedInAs = (email: string) => {
  const cookie = sessionCookie(
    { key, secure: true },
    newSession({ email, name: 'x' }, NOW.getTime()),
    NOW.getTime(),
  );
  return [cookie.split(';')[0] ?? ''];
};

const request = (
  method: string,
  path: string,
  options: { cookies?: string[]; body?: string; query?: string } = {},
) =>
  ({
    rawPath: path,
    rawQueryString: options.query ?? '',
    ...(options.query === undefined
      ? {}
      : { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) }),
    ...(options.cookies === undefined ? {} : { cookies: options.cookies }),
    headers: {},
    isBase64Encoded: false,
    ...(options.body === undefined ? {} : { body: options.body }),
    requestContext: { http: { method }, requestId: 'req-1' },
  }) as unknown as APIGatewayProxyEventV2;

const context = {} as Context;

describe('console route', () => {
  it('sends a signed-out reader to sign in, keeping where they were going', async () => {
    const { pages: route } = setup();
    const result = await route(request('GET', '/console/members/m-a', { query: 'days=90' }), context);
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe(
      `/console/sign-in?returnTo=${encodeURIComponent('/console/members/m-a?days=90')}`,
    );
  });

  it('does not redirect anywhere outside the console after sign-in', async () => {
    const { signIn: route } = setup();
    const result = await route(
      request('GET', '/console/sign-in', { query: 'returnTo=https://evil.example/' }),
      context,
    );
    expect(result.statusCode).toBe(302);
    expect(result.headers?.location).toBe('https://idp.example/authorize?x=1');
    expect(result.cookies?.[0]).toMatch(/^__Host-pr-sign-in=/);
  });

  it('refuses a person who is signed in but in no care team', async () => {
    const { pages: route } = setup();
    const result = await route(
      request('GET', '/console', { cookies: signedInAs('stranger@example.org') }),
      context,
    );
    expect(result.statusCode).toBe(403);
  });

  it('refuses another team’s member with no trace of them, and audits the refusal', async () => {
    const { pages: route, audit } = setup();
    const result = await route(
      request('GET', '/console/members/m-b', { cookies: signedInAs('nia@example.org') }),
      context,
    );
    expect(result.statusCode).toBe(403);
    expect(String(result.body)).not.toContain('Bea South');
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'member-access-refused',
        memberId: 'm-b',
        by: 'nia@example.org',
      }),
    ]);
  });

  it('shows and audits a member page of the person’s own team', async () => {
    const { pages: route, audit } = setup();
    const result = await route(
      request('GET', '/console/members/m-a', { cookies: signedInAs('nia@example.org') }),
      context,
    );
    expect(result.statusCode).toBe(200);
    expect(String(result.body)).toContain('<h1>Ada North</h1>');
    expect(result.headers?.['content-security-policy']).toContain("default-src 'none'");
    expect(audit).toEqual([
      {
        memberId: 'm-a',
        action: 'member-page-viewed',
        at: NOW.toISOString(),
        by: 'nia@example.org',
        requestId: 'req-1',
        details: { days: 30 },
      },
    ]);
  });

  it('refuses a state-changing form without the CSRF token and changes nothing', async () => {
    const { actions: route, audit } = setup();
    const result = await route(
      request('POST', '/console/alerts/acknowledge', {
        cookies: signedInAs('nia@example.org'),
        body: 'alertKey=k&memberId=m-a',
      }),
      context,
    );
    expect(result.statusCode).toBe(403);
    expect(audit).toEqual([]);
  });

  it('shows the threshold change history and an Export for GP link for the period shown', async () => {
    const { pages: route } = setup();
    const result = await route(
      request('GET', '/console/members/m-a', { cookies: signedInAs('nia@example.org'), query: 'days=90' }),
      context,
    );
    const body = String(result.body);
    expect(body).toContain('Usual readings run high; agreed with GP');
    expect(body).toContain('Dr Rao');
    expect(body).toContain(
      'href="/fhir/R4/Observation?subject=m-a&amp;date=ge2026-09-02&amp;date=le2026-12-01"',
    );
  });

  it('sends a delivered alert link to the member page after the team check', async () => {
    const { pages: route } = setup();
    const result = await route(
      request('GET', `/console/alerts/${encodeURIComponent('m-a#bp-severe#2026-12-01')}`, {
        cookies: signedInAs('nia@example.org'),
      }),
      context,
    );
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toMatch(/^\/console\/members\/m-a#alert-/);
  });

  it('refuses an alert link of another team’s member exactly like an unknown alert, and audits it', async () => {
    const { pages: route, audit } = setup();
    const cookies = signedInAs('nia@example.org');
    const other = await route(
      request('GET', `/console/alerts/${encodeURIComponent('m-b#bp-severe#2026-12-01')}`, { cookies }),
      context,
    );
    const unknown = await route(
      request('GET', `/console/alerts/${encodeURIComponent('m-x#bp-severe#2026-12-01')}`, { cookies }),
      context,
    );
    expect(other.statusCode).toBe(403);
    expect(other.body).toBe(unknown.body);
    expect(String(other.body)).not.toContain('Bea South');
    expect(audit.map((record) => [record.action, record.memberId])).toEqual([
      ['member-access-refused', 'm-b'],
      ['member-access-refused', 'm-x'],
    ]);
  });

  it('acknowledges through the alert use case with the staff name and note, then audits it', async () => {
    const { pages, actions, audit, acknowledged } = setup();
    const cookies = signedInAs('nia@example.org');
    const session = cookies[0] ?? '';
    const inbox = await pages(request('GET', '/console', { cookies }), context);
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(inbox.body))?.[1] ?? '';
    expect(csrf).not.toBe('');
    const result = await actions(
      request('POST', '/console/alerts/acknowledge', {
        cookies: [session],
        body: new URLSearchParams({
          csrf,
          alertKey: 'm-a#bp-severe#2026-12-01',
          memberId: 'm-a',
          note: 'Phoned, GP tomorrow',
        }).toString(),
      }),
      context,
    );
    expect(result.statusCode).toBe(303);
    expect(acknowledged).toEqual([
      { alertKey: 'm-a#bp-severe#2026-12-01', by: 'Nia', note: 'Phoned, GP tomorrow' },
    ]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'alert-acknowledged',
        memberId: 'm-a',
        by: 'nia@example.org',
        subjectId: 'm-a#bp-severe#2026-12-01',
      }),
    ]);
  });

  it('signs out only with the session’s CSRF token, clearing the session cookie', async () => {
    const { pages, signIn } = setup();
    const cookies = signedInAs('nia@example.org');
    const inbox = await pages(request('GET', '/console', { cookies }), context);
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(inbox.body))?.[1] ?? '';
    const forged = await signIn(
      request('POST', '/console/sign-out', { cookies, body: 'csrf=not-the-token' }),
      context,
    );
    expect(forged.statusCode).toBe(403);
    expect(forged.cookies ?? []).toEqual([]);
    const signedOut = await signIn(
      request('POST', '/console/sign-out', { cookies, body: new URLSearchParams({ csrf }).toString() }),
      context,
    );
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers?.location).toBe('/console/signed-out');
    expect(signedOut.cookies?.[0]).toMatch(/^__Host-pr-console=; Path=\/; Max-Age=0/);
  });

  it('refuses a form posted to the pages function after the CSRF check, changing nothing', async () => {
    const { pages, audit } = setup();
    const cookies = signedInAs('nia@example.org');
    const withoutToken = await pages(
      request('POST', '/console/members/m-a/unknown', { cookies, body: 'memberId=m-a' }),
      context,
    );
    expect(withoutToken.statusCode).toBe(403);
    const inbox = await pages(request('GET', '/console', { cookies }), context);
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(inbox.body))?.[1] ?? '';
    const unknown = await pages(
      request('POST', '/console/members/m-a/unknown', {
        cookies,
        body: new URLSearchParams({ csrf }).toString(),
      }),
      context,
    );
    expect(unknown.statusCode).toBe(404);
    expect(audit).toEqual([]);
  });

  /** Nia (team A) posting the invitation form, with the member lookup the test gives. */
  const invitationForm = async (getMember: (id: string) => Promise<unknown>) => {
    const { pages, deps, audit } = setup();
    const invitations: unknown[] = [];
    const cookies = signedInAs('nia@example.org');
    const inbox = await pages(request('GET', '/console', { cookies }), context);
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(inbox.body))?.[1] ?? '';
    const route = createInvitationRoute({
      ...deps,
      directory: { getMember },
      invitations: { putInvitation: async (invitation: unknown) => void invitations.push(invitation) },
    } as never);
    const post = (memberId: string) =>
      route(
        request('POST', `/console/members/${memberId}/invitations`, {
          cookies,
          body: new URLSearchParams({ csrf }).toString(),
        }),
        context,
      );
    return { post, invitations, audit };
  };

  it('creates an invitation after the team check and shows it as an inline SVG QR code', async () => {
    const { post, invitations, audit } = await invitationForm(async (id) =>
      members.find((m) => m.memberId === id),
    );
    const refusedOther = await post('m-b');
    expect(refusedOther.statusCode).toBe(403);
    const created = await post('m-a');
    expect(created.statusCode).toBe(201);
    expect(invitations).toHaveLength(1);
    const body = String(created.body);
    expect(body).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(body).not.toContain('data:image/png');
    expect(body).toContain('https://relay.example/v1/link/');
    expect(audit.map((record) => [record.action, record.memberId])).toEqual([
      ['member-access-refused', 'm-b'],
      ['link-invitation-created', 'm-a'],
    ]);
  });

  it('answers 409 with the reason, not a server error, for a member who has left (kept clinical record)', async () => {
    const { post, invitations, audit } = await invitationForm(async (id) => ({
      ...members.find((m) => m.memberId === id),
      erasureRequestedAt: '2026-11-30T10:00:00.000Z',
    }));
    const answer = await post('m-a');
    expect(answer.statusCode).toBe(409);
    expect(String(answer.body)).toContain('has left the programme (erasure requested 2026-11-30)');
    expect(invitations).toEqual([]);
    expect(audit.map((record) => record.action)).not.toContain('link-invitation-created');
  });
});
