import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Alert } from '../../shared/domain/alert.js';
import { memberIdOfAlertKey } from '../../shared/domain/alerts/alert-key.js';
import type { AlertStore } from '../../shared/domain/ports/alert-store.js';
import type { TeamMember } from '../../shared/domain/ports/care-team-roster.js';
import type { LinkStatusReader } from '../../shared/domain/ports/link-status-reader.js';
import type { ReadingStore } from '../../shared/domain/ports/reading-store.js';
import type { ThresholdAuditStore } from '../../shared/domain/ports/threshold-store.js';
import { canSeeTeam } from '../../shared/domain/staff/member-access.js';
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
import { checkedForm } from './console-form.js';
import { type MemberRecord, PERIOD_DAYS, type PeriodDays } from './member-record.js';
import { inboxBody } from './pages/inbox-page.js';
import { consolePage, pageNotFound, problemPage, seeOther } from './pages/layout.js';
import { memberBody, printBody } from './pages/member-page.js';
import { requestPath, type SessionDeps, type Signed, signedInStaff } from './signed-in-staff.js';
import {
  auditStaffAction,
  type MemberAccessDeps,
  refused,
  teamCheckedMember,
} from './team-checked-member.js';

/** What the console's pages read: nothing here writes, except the audit trail of who looked at what. */
export interface ConsolePagesDeps extends SessionDeps, MemberAccessDeps {
  alerts: Pick<AlertStore, 'list' | 'get'>;
  readings: Pick<ReadingStore, 'listRange'>;
  thresholds: ThresholdAuditStore;
  links: LinkStatusReader;
}

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

/**
 * The console's pages under `/console` and `/console/{proxy+}`: the inbox, member pages and their print
 * view, and delivered alert links. Sign-in, the forms and the FHIR export have functions of their own
 * (their more specific routes win in API Gateway); any other form post lands here and is refused.
 */
export const createConsolePagesRoute =
  (deps: ConsolePagesDeps): HttpRoute =>
  async (event) => {
    const who = await signedInStaff(deps, event);
    if ('refusal' in who) return who.refusal;
    const { signed } = who;
    const method = event.requestContext.http.method;
    const path = requestPath(event);
    const requestId = event.requestContext.requestId;
    if (method === 'POST') {
      const checked = checkedForm(event, signed, deps.logger);
      if ('refusal' in checked) return checked.refusal;
      return pageNotFound(signed.chrome);
    }
    if (method !== 'GET')
      return problemPage(405, 'Not allowed', 'This page cannot be used that way.', signed.chrome);
    if (path === '/console') return inbox(deps, signed, event, deps.clock.now());
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
    return pageNotFound(signed.chrome);
  };

const inbox = async (
  deps: ConsolePagesDeps,
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

const loadRecord = async (
  deps: ConsolePagesDeps,
  member: TeamMember,
  days: PeriodDays,
): Promise<MemberRecord> => {
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
    deps.links.status(member.memberId),
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
  deps: ConsolePagesDeps,
  signed: Signed,
  memberId: string,
  print: boolean,
  event: APIGatewayProxyEventV2,
  requestId: string,
): Promise<HttpResult> => {
  const member = await teamCheckedMember(deps, signed, memberId, requestId);
  if (member === undefined) return refused(signed);
  const days = daysSchema.parse(event.queryStringParameters?.days);
  await auditStaffAction(
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
  deps: ConsolePagesDeps,
  signed: Signed,
  memberId: string,
  alertKey: string,
  requestId: string,
): Promise<Alert | undefined> => {
  const member = await teamCheckedMember(deps, signed, memberId, requestId);
  if (member === undefined || !canSeeTeam(signed.staff, member.teamId)) return undefined;
  return deps.alerts.get(member.memberId, alertKey);
};

/**
 * /console/alerts/<alertKey>: where a delivered alert's link lands. After the team check it goes to the
 * member's page (their open alerts are at the top); any other alert key gets the same refusal.
 */
const openAlert = async (
  deps: ConsolePagesDeps,
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
