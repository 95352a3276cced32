import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { newSession, sessionCookie } from '../../../../functions/console/console-session.js';
import { type ConsoleDeps, createConsoleRoute } from '../../../../functions/console/routes.js';
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
const staff: StaffMember[] = [{ email: 'nia@example.org', name: 'Nia', teams: ['team-north'] }];

const setup = () => {
  const audit: AuditRecord[] = [];
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
    alerts: { list: async () => [], get: async () => undefined },
    actions: { acknowledge: unused, snooze: unused },
    readings: { listRange: async () => [] },
    thresholds: { getOverrides: async () => undefined },
    links: { get: async () => undefined },
    directory: {},
    invitations: {},
    clock: { now: () => NOW },
    publicBaseUrl: 'https://relay.example',
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as ConsoleDeps;
  return { route: createConsoleRoute(deps), audit };
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
    const { route } = setup();
    const result = await route(request('GET', '/console/members/m-a', { query: 'days=90' }), context);
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe(
      `/console/sign-in?returnTo=${encodeURIComponent('/console/members/m-a?days=90')}`,
    );
  });

  it('does not redirect anywhere outside the console after sign-in', async () => {
    const { route } = setup();
    const result = await route(
      request('GET', '/console/sign-in', { query: 'returnTo=https://evil.example/' }),
      context,
    );
    expect(result.statusCode).toBe(302);
    expect(result.headers?.location).toBe('https://idp.example/authorize?x=1');
    expect(result.cookies?.[0]).toMatch(/^__Host-pr-sign-in=/);
  });

  it('refuses a person who is signed in but in no care team', async () => {
    const { route } = setup();
    const result = await route(
      request('GET', '/console', { cookies: signedInAs('stranger@example.org') }),
      context,
    );
    expect(result.statusCode).toBe(403);
  });

  it('refuses another team’s member with no trace of them, and audits the refusal', async () => {
    const { route, audit } = setup();
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
    const { route, audit } = setup();
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
    const { route, audit } = setup();
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
});
