import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import QRCode from 'qrcode';
import type { Alert } from '../../shared/domain/alert.js';
import { memberIdOfAlertKey } from '../../shared/domain/alerts/alert-key.js';
import { AlertAlreadyResolvedError } from '../../shared/domain/alerts/alert-lookup.js';
import { ConcurrentAlertUpdateError } from '../../shared/domain/alerts/alert-outbox.js';
import {
  InvalidSnoozeUntilError,
  MissingSnoozeDetailsError,
} from '../../shared/domain/alerts/snooze-alert.js';
import type { AuditAction } from '../../shared/domain/audit-record.js';
import type { Clock } from '../../shared/domain/clock.js';
import { createInvitation } from '../../shared/domain/link/create-invitation.js';
import type { InvitationStore } from '../../shared/domain/link/invitation-store.js';
import type { AlertStore } from '../../shared/domain/ports/alert-store.js';
import type { AuditLog } from '../../shared/domain/ports/audit-log.js';
import type { CareTeamRoster, TeamMember } from '../../shared/domain/ports/care-team-roster.js';
import type { LinkStore } from '../../shared/domain/ports/link-store.js';
import type { MemberDirectory } from '../../shared/domain/ports/member-directory.js';
import type { ReadingStore } from '../../shared/domain/ports/reading-store.js';
import type { StaffDirectory } from '../../shared/domain/ports/staff-directory.js';
import {
  SignInFailedError,
  type StaffIdentityProvider,
} from '../../shared/domain/ports/staff-identity-provider.js';
import type { ThresholdAuditStore } from '../../shared/domain/ports/threshold-store.js';
import {
  authoriseMemberAccess,
  canSeeTeam,
  MemberAccessDeniedError,
} from '../../shared/domain/staff/member-access.js';
import type { StaffMember } from '../../shared/domain/staff/staff-member.js';
import { mergeThresholds } from '../../shared/domain/thresholds.js';
import * as z from '../../shared/domain/zod-mini.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';
import {
  type AlertStatusFilter,
  alertStatusOf,
  inboxOrder,
  RULE_LABELS,
  SEVERITY_LABELS,
} from './alert-view.js';
import {
  type ConsoleSession,
  type CookieSettings,
  clearSessionCookie,
  clearSignInCookie,
  csrfTokenFor,
  isValidCsrfToken,
  newSession,
  readSession,
  readSignIn,
  sessionCookie,
  signInCookie,
} from './console-session.js';
import { fhirExport, fhirOutcome } from './fhir-export-route.js';
import { type MemberRecord, PERIOD_DAYS, type PeriodDays } from './member-record.js';
import { html } from './pages/html.js';
import { inboxBody } from './pages/inbox-page.js';
import { consolePage, type PageChrome, problemPage, seeOther } from './pages/layout.js';
import { invitationBody, memberBody, printBody } from './pages/member-page.js';

/** Acknowledge and snooze: the same domain code as the CLI. */
export interface AlertActions {
  acknowledge(input: { alertKey: string; by: string; note?: string }): Promise<unknown>;
  snooze(input: { alertKey: string; until: string; by: string; reason: string }): Promise<unknown>;
}

export interface ConsoleDeps {
  cookies: () => Promise<CookieSettings>;
  identity: StaffIdentityProvider;
  staff: StaffDirectory;
  roster: CareTeamRoster;
  audit: AuditLog;
  alerts: AlertStore;
  actions: AlertActions;
  readings: ReadingStore;
  thresholds: ThresholdAuditStore;
  links: LinkStore;
  directory: MemberDirectory;
  invitations: InvitationStore;
  clock: Clock;
  /** Public base URL of the API (the console is at <base>/console). */
  publicBaseUrl: string;
  logger: Logger;
}

/** A signed-in staff user whose directory entry was read on this very request. */
export interface Signed {
  session: ConsoleSession;
  staff: StaffMember;
  settings: CookieSettings;
  chrome: PageChrome;
  csrfToken: string;
  /** Refreshes the idle timer on every response. */
  cookie: string;
}

const memberIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const inboxQuerySchema = z.object({
  rule: z.catch(z.optional(z.enum(Object.keys(RULE_LABELS) as [keyof typeof RULE_LABELS])), undefined),
  severity: z.catch(
    z.optional(z.enum(Object.keys(SEVERITY_LABELS) as [keyof typeof SEVERITY_LABELS])),
    undefined,
  ),
  status: z.catch(z.enum(['open', 'acknowledged', 'snoozed', 'resolved', 'all']), 'open'),
  done: z.catch(z.optional(z.string().check(z.maxLength(20))), undefined),
});
const daysSchema = z.catch(
  z.pipe(z.coerce.number(), z.union(PERIOD_DAYS.map((days) => z.literal(days)))),
  30,
);
const alertFormSchema = z.object({
  alertKey: z.string().check(z.minLength(1), z.maxLength(256)),
  memberId: memberIdSchema,
  returnTo: z.optional(z.string().check(z.maxLength(300))),
});
const acknowledgeFormSchema = z.extend(alertFormSchema, {
  note: z.optional(z.string().check(z.maxLength(500))),
});
const snoozeFormSchema = z.extend(alertFormSchema, {
  until: z.enum(['1h', '4h', 'tomorrow', '3d']),
  reason: z.string().check(z.trim(), z.minLength(1, 'Say why the alert is snoozed'), z.maxLength(500)),
});

/** Only our own pages: no open redirect through returnTo. */
const safeReturnTo = (value: string | undefined): string =>
  value !== undefined && /^\/console(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(value)
    ? value
    : '/console';

const snoozeUntil = (choice: z.infer<typeof snoozeFormSchema>['until'], now: Date): string => {
  const hours = { '1h': 1, '4h': 4, '3d': 72 } as const;
  if (choice !== 'tomorrow') return new Date(now.getTime() + hours[choice] * 3_600_000).toISOString();
  // 9am tomorrow, UK time: 08:00 or 09:00 UTC depending on BST; find it by checking the London hour.
  const tomorrow = new Date(now.getTime() + 24 * 3_600_000);
  const date = tomorrow.toISOString().slice(0, 10);
  for (const utcHour of [8, 9]) {
    const candidate = new Date(`${date}T0${utcHour}:00:00Z`);
    const londonHour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (londonHour === '09') return candidate.toISOString();
  }
  return new Date(`${date}T09:00:00Z`).toISOString();
};

const formOf = (event: APIGatewayProxyEventV2): Record<string, string> => {
  const raw =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return Object.fromEntries(new URLSearchParams(raw));
};

/** The whole console: one Lambda behind `ANY /console` and `ANY /console/{proxy+}`. */
export const createConsoleRoute =
  (deps: ConsoleDeps): HttpRoute =>
  async (event) => {
    const settings = await deps.cookies();
    const now = deps.clock.now();
    const method = event.requestContext.http.method;
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    const requestId = event.requestContext.requestId;

    if (path === '/console/sign-in' && method === 'GET') return beginSignIn(deps, settings, event, now);
    if (path === '/console/auth/callback' && method === 'GET')
      return finishSignIn(deps, settings, event, now);

    if (path === '/console/signed-out' && method === 'GET') {
      return consolePage(
        200,
        'Signed out',
        html`<h1>You have signed out</h1><p><a href="/console">Sign in again</a></p>`,
      );
    }
    const session = readSession(settings, event.cookies, now.getTime());
    const isFhir = path.startsWith('/fhir/');
    if (session === undefined && isFhir) {
      return fhirOutcome(401, 'login', 'Sign in to the care-team console first, then export again.');
    }
    if (session === undefined) {
      if (method !== 'GET')
        return problemPage(
          401,
          'Please sign in again',
          'Your session has ended. Nothing was changed. Sign in and try again.',
        );
      const returnTo = safeReturnTo(
        `${path}${event.rawQueryString === '' ? '' : `?${event.rawQueryString}`}`,
      );
      return seeOther(`/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    }
    const staff = await deps.staff.getStaff(session.email);
    if (staff === undefined || staff.teams.length === 0) {
      return problemPage(
        403,
        'You are not in a care team yet',
        `You signed in as ${session.email}, but that address is not in any care team. Ask an administrator to add you (pulse-relay staff add).`,
      );
    }
    const csrfToken = csrfTokenFor(settings, session);
    const signed: Signed = {
      session,
      staff,
      settings,
      csrfToken,
      chrome: { staff: { name: staff.name, teams: staff.teams, csrfToken } },
      cookie: sessionCookie(settings, session, now.getTime()),
    };

    if (method === 'POST') {
      const form = formOf(event);
      if (!isValidCsrfToken(settings, session, form.csrf)) {
        deps.logger.warn('console form refused: CSRF token', { path });
        return problemPage(
          403,
          'This form has expired',
          'Nothing was changed. Go back, reload the page and try again.',
          signed.chrome,
        );
      }
      if (path === '/console/sign-out')
        return seeOther('/console/signed-out', [clearSessionCookie(settings)]);
      if (path === '/console/alerts/acknowledge') return acknowledge(deps, signed, form, requestId);
      if (path === '/console/alerts/snooze') return snooze(deps, signed, form, requestId);
      const invite = /^\/console\/members\/([^/]+)\/invitations$/.exec(path);
      if (invite?.[1] !== undefined) return createLinkInvitation(deps, signed, invite[1], requestId);
      return problemPage(404, 'Page not found', 'There is no such page.', signed.chrome);
    }
    if (method !== 'GET')
      return problemPage(405, 'Not allowed', 'This page cannot be used that way.', signed.chrome);
    if (path === '/fhir/R4/Observation') return fhirExport(deps, signed, event, requestId);
    if (path === '/console') return inbox(deps, signed, event, now);
    const alertLink = /^\/console\/alerts\/([^/]+)$/.exec(path);
    if (alertLink?.[1] !== undefined) return openAlert(deps, signed, alertLink[1], requestId);
    const member = /^\/console\/members\/([^/]+)(\/print)?$/.exec(path);
    if (member?.[1] !== undefined) {
      return memberPage(
        deps,
        signed,
        decodeURIComponent(member[1]),
        member[2] !== undefined,
        event,
        requestId,
      );
    }
    return problemPage(404, 'Page not found', 'There is no such page.', signed.chrome);
  };

const beginSignIn = async (
  deps: ConsoleDeps,
  settings: CookieSettings,
  event: APIGatewayProxyEventV2,
  now: Date,
): Promise<HttpResult> => {
  const { authorizationUrl, checks } = await deps.identity.beginSignIn();
  const returnTo = safeReturnTo(event.queryStringParameters?.returnTo);
  return {
    statusCode: 302,
    headers: { location: authorizationUrl, 'cache-control': 'no-store' },
    cookies: [signInCookie(settings, { ...checks, returnTo, startedAt: now.getTime() })],
    body: '',
  };
};

const finishSignIn = async (
  deps: ConsoleDeps,
  settings: CookieSettings,
  event: APIGatewayProxyEventV2,
  now: Date,
): Promise<HttpResult> => {
  const transaction = readSignIn(settings, event.cookies, now.getTime());
  if (transaction === undefined) {
    return problemPage(400, 'Sign-in took too long', 'Please start again: go to the console and sign in.');
  }
  const callbackUrl = `${deps.publicBaseUrl.replace(/\/+$/, '')}${event.rawPath}?${event.rawQueryString}`;
  try {
    const identity = await deps.identity.finishSignIn(callbackUrl, transaction);
    deps.logger.info('staff signed in');
    return seeOther(transaction.returnTo, [
      clearSignInCookie(settings),
      sessionCookie(settings, newSession(identity, now.getTime()), now.getTime()),
    ]);
  } catch (error) {
    if (!(error instanceof SignInFailedError)) throw error;
    deps.logger.warn('staff sign-in failed', { reason: error.reason });
    return consolePage(
      400,
      'Sign-in did not work',
      html`<h1>Sign-in did not work</h1><p class="problem">Nothing has changed. <a href="/console/sign-in">Try signing in again</a>.</p>`,
      {},
      [clearSignInCookie(settings)],
    );
  }
};

const audit = (
  deps: ConsoleDeps,
  signed: Signed,
  memberId: string,
  action: AuditAction,
  requestId: string,
  extra: { subjectId?: string; details?: Record<string, string | number> } = {},
) =>
  deps.audit.record({
    memberId,
    action,
    at: deps.clock.now().toISOString(),
    by: signed.staff.email,
    requestId,
    ...extra,
  });

const inbox = async (
  deps: ConsoleDeps,
  signed: Signed,
  event: APIGatewayProxyEventV2,
  now: Date,
): Promise<HttpResult> => {
  const filters = inboxQuerySchema.parse(event.queryStringParameters ?? {});
  const members = await deps.roster.membersOf(signed.staff.teams);
  const perMember = await Promise.all(
    members.map((member) => deps.alerts.list({ memberId: member.memberId })),
  );
  const names = new Map(members.map((member) => [member.memberId, member.name]));
  const wanted = (alert: Alert) =>
    (filters.rule === undefined || alert.rule === filters.rule) &&
    (filters.severity === undefined || alert.severity === filters.severity) &&
    (filters.status === 'all' || alertStatusOf(alert, now) === filters.status);
  const alerts = perMember
    .flat()
    .map((alert): Alert => ({ ...alert, memberName: names.get(alert.memberId) ?? alert.memberName }))
    .filter(wanted)
    .sort(inboxOrder);
  const returnTo = `/console${event.rawQueryString === '' ? '' : `?${event.rawQueryString.replace(/(^|&)done=[^&]*/g, '')}`}`;
  return consolePage(
    200,
    'Inbox',
    inboxBody({
      alerts,
      filters: {
        status: filters.status as AlertStatusFilter,
        ...(filters.rule === undefined ? {} : { rule: filters.rule }),
        ...(filters.severity === undefined ? {} : { severity: filters.severity }),
      },
      now,
      csrfToken: signed.csrfToken,
      returnTo,
      teams: signed.staff.teams,
      ...(filters.done === undefined ? {} : { notice: filters.done }),
    }),
    signed.chrome,
    [signed.cookie],
  );
};

const refused = (signed: Signed): HttpResult =>
  problemPage(403, 'No access', 'This member is not in your care teams, or does not exist.', signed.chrome);

/** The team check, before anything about the member is read. */
const memberFor = async (
  deps: ConsoleDeps,
  signed: Signed,
  memberId: string,
  requestId: string,
): Promise<TeamMember | undefined> => {
  if (!memberIdSchema.safeParse(memberId).success) return undefined;
  try {
    return await authoriseMemberAccess(signed.staff, memberId, {
      roster: deps.roster,
      audit: deps.audit,
      now: () => deps.clock.now(),
      requestId,
    });
  } catch (error) {
    if (error instanceof MemberAccessDeniedError) return undefined;
    throw error;
  }
};

const loadRecord = async (deps: ConsoleDeps, member: TeamMember, days: PeriodDays): Promise<MemberRecord> => {
  const to = deps.clock.now();
  const from = new Date(to.getTime() - days * 86_400_000);
  const range = { memberId: member.memberId, from: from.toISOString(), to: to.toISOString(), limit: 5000 };
  const [
    bloodPressure,
    restingHeartRate,
    steps,
    sleep,
    oxygen,
    weight,
    link,
    overrides,
    thresholdHistory,
    alerts,
  ] = await Promise.all([
    deps.readings.listRange({ ...range, metric: 'blood-pressure' }),
    deps.readings.listRange({ ...range, metric: 'resting-heart-rate' }),
    deps.readings.listRange({ ...range, metric: 'steps' }),
    deps.readings.listRange({ ...range, metric: 'sleep' }),
    deps.readings.listRange({ ...range, metric: 'daily-oxygen-saturation' }),
    deps.readings.listRange({ ...range, metric: 'weight' }),
    deps.links.get(member.memberId),
    deps.thresholds.getOverrides(member.memberId),
    deps.thresholds.listHistory(member.memberId),
    deps.alerts.list({ memberId: member.memberId }),
  ]);
  const only =
    <M extends string>(metric: M) =>
    <R extends { metric: string }>(reading: R): reading is Extract<R, { metric: M }> =>
      reading.metric === metric;
  const byTime = <R extends { measuredAt: string }>(readings: R[]) =>
    readings.sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  return {
    member,
    days,
    from,
    to,
    bloodPressure: byTime(bloodPressure.filter(only('blood-pressure'))),
    restingHeartRate: byTime(restingHeartRate.filter(only('resting-heart-rate'))),
    steps: byTime(steps.filter(only('steps'))),
    sleep: byTime(sleep.filter(only('sleep'))),
    oxygen: byTime(oxygen.filter(only('daily-oxygen-saturation'))),
    weight: byTime(weight.filter(only('weight'))),
    link,
    thresholds: mergeThresholds(overrides),
    overrides,
    thresholdHistory,
    alerts,
  };
};

const memberPage = async (
  deps: ConsoleDeps,
  signed: Signed,
  memberId: string,
  print: boolean,
  event: APIGatewayProxyEventV2,
  requestId: string,
): Promise<HttpResult> => {
  const member = await memberFor(deps, signed, memberId, requestId);
  if (member === undefined) return refused(signed);
  const days = daysSchema.parse(event.queryStringParameters?.days);
  await audit(
    deps,
    signed,
    member.memberId,
    print ? 'member-page-printed' : 'member-page-viewed',
    requestId,
    { details: { days } },
  );
  const record = await loadRecord(deps, member, days);
  const notice =
    event.queryStringParameters?.done === 'acknowledged'
      ? 'Alert acknowledged.'
      : event.queryStringParameters?.done === 'snoozed'
        ? 'Alert snoozed.'
        : undefined;
  const body = print
    ? printBody(record, deps.clock.now(), signed.staff.name)
    : memberBody(record, {
        now: deps.clock.now(),
        csrfToken: signed.csrfToken,
        ...(notice === undefined ? {} : { notice }),
      });
  return consolePage(200, print ? `${member.name} – print` : member.name, body, signed.chrome, [
    signed.cookie,
  ]);
};

/** The alert, if it is this member's and the staff user may see the member. */
const alertFor = async (
  deps: ConsoleDeps,
  signed: Signed,
  memberId: string,
  alertKey: string,
  requestId: string,
): Promise<Alert | undefined> => {
  const member = await memberFor(deps, signed, memberId, requestId);
  if (member === undefined || !canSeeTeam(signed.staff, member.teamId)) return undefined;
  return deps.alerts.get(member.memberId, alertKey);
};

const afterAction = (returnTo: string | undefined, done: string, signed: Signed): HttpResult => {
  const target = safeReturnTo(returnTo);
  return seeOther(`${target}${target.includes('?') ? '&' : '?'}done=${done}`, [signed.cookie]);
};

/** Refusals of the alert use cases as pages a person can act on; anything else is a server fault. */
const alertActionRefusal = (error: unknown, signed: Signed): HttpResult => {
  if (error instanceof AlertAlreadyResolvedError) {
    return problemPage(
      409,
      'Already resolved',
      'This alert was resolved in the meantime. Nothing was changed.',
      signed.chrome,
    );
  }
  if (error instanceof ConcurrentAlertUpdateError) {
    return problemPage(
      409,
      'Changed by someone else',
      'Someone changed this alert at the same moment. Reload and try again.',
      signed.chrome,
    );
  }
  if (error instanceof InvalidSnoozeUntilError || error instanceof MissingSnoozeDetailsError) {
    return problemPage(400, 'Could not snooze', error.message, signed.chrome);
  }
  throw error;
};

const acknowledge = async (
  deps: ConsoleDeps,
  signed: Signed,
  form: Record<string, string>,
  requestId: string,
): Promise<HttpResult> => {
  const input = acknowledgeFormSchema.safeParse(form);
  if (!input.success)
    return problemPage(
      400,
      'Could not acknowledge',
      'The form was incomplete. Nothing was changed.',
      signed.chrome,
    );
  const alert = await alertFor(deps, signed, input.data.memberId, input.data.alertKey, requestId);
  if (alert === undefined) return refused(signed);
  const note = input.data.note?.trim();
  try {
    await deps.actions.acknowledge({
      alertKey: alert.alertKey,
      by: signed.staff.name,
      ...(note === undefined || note === '' ? {} : { note }),
    });
  } catch (error) {
    return alertActionRefusal(error, signed);
  }
  await audit(deps, signed, alert.memberId, 'alert-acknowledged', requestId, {
    subjectId: alert.alertKey,
  });
  return afterAction(input.data.returnTo, 'acknowledged', signed);
};

const snooze = async (
  deps: ConsoleDeps,
  signed: Signed,
  form: Record<string, string>,
  requestId: string,
): Promise<HttpResult> => {
  const input = snoozeFormSchema.safeParse(form);
  if (!input.success) {
    return problemPage(
      400,
      'Could not snooze',
      'Please give a reason for snoozing. Nothing was changed.',
      signed.chrome,
    );
  }
  const alert = await alertFor(deps, signed, input.data.memberId, input.data.alertKey, requestId);
  if (alert === undefined) return refused(signed);
  try {
    await deps.actions.snooze({
      alertKey: alert.alertKey,
      until: snoozeUntil(input.data.until, deps.clock.now()),
      by: signed.staff.name,
      reason: input.data.reason,
    });
  } catch (error) {
    return alertActionRefusal(error, signed);
  }
  await audit(deps, signed, alert.memberId, 'alert-snoozed', requestId, { subjectId: alert.alertKey });
  return afterAction(input.data.returnTo, 'snoozed', signed);
};

const createLinkInvitation = async (
  deps: ConsoleDeps,
  signed: Signed,
  rawMemberId: string,
  requestId: string,
): Promise<HttpResult> => {
  const member = await memberFor(deps, signed, decodeURIComponent(rawMemberId), requestId);
  if (member === undefined) return refused(signed);
  const invitation = await createInvitation(member.memberId, {
    directory: deps.directory,
    invitations: deps.invitations,
    clock: deps.clock,
    publicBaseUrl: deps.publicBaseUrl,
  });
  await audit(deps, signed, member.memberId, 'link-invitation-created', requestId, {
    subjectId: invitation.invitationId,
  });
  const qrSvg = await QRCode.toString(invitation.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return consolePage(
    201,
    `Fitbit link for ${member.name}`,
    invitationBody({
      memberName: member.name,
      memberId: member.memberId,
      url: invitation.url,
      expiresAt: invitation.expiresAt,
      qrSvg,
    }),
    signed.chrome,
    [signed.cookie],
  );
};

/**
 * /console/alerts/<alertKey>: where a delivered alert's link lands. After the team check it goes to the
 * member's page (their open alerts are at the top); any other alert key gets the same refusal.
 */
const openAlert = async (
  deps: ConsoleDeps,
  signed: Signed,
  rawAlertKey: string,
  requestId: string,
): Promise<HttpResult> => {
  let alertKey: string;
  try {
    alertKey = decodeURIComponent(rawAlertKey);
  } catch {
    return refused(signed);
  }
  const memberId = memberIdOfAlertKey(alertKey);
  if (memberId === undefined) return refused(signed);
  const alert = await alertFor(deps, signed, memberId, alertKey, requestId);
  if (alert === undefined) return refused(signed);
  return seeOther(
    `/console/members/${encodeURIComponent(alert.memberId)}#alert-${encodeURIComponent(alert.alertKey)}`,
    [signed.cookie],
  );
};
