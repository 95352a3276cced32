import type { Logger } from '@aws-lambda-powertools/logger';
import type { Alert } from '../../shared/domain/alert.js';
import { AlertAlreadyResolvedError } from '../../shared/domain/alerts/alert-lookup.js';
import { ConcurrentAlertUpdateError } from '../../shared/domain/alerts/alert-outbox.js';
import {
  InvalidSnoozeUntilError,
  MissingSnoozeDetailsError,
} from '../../shared/domain/alerts/snooze-alert.js';
import type { AlertStore } from '../../shared/domain/ports/alert-store.js';
import { canSeeTeam } from '../../shared/domain/staff/member-access.js';
import * as z from '../../shared/domain/zod-mini.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';
import { checkedForm } from '../console/console-form.js';
import { pageNotFound, problemPage, seeOther } from '../console/pages/layout.js';
import {
  requestPath,
  type SessionDeps,
  type Signed,
  safeReturnTo,
  signedInStaff,
} from '../console/signed-in-staff.js';
import {
  auditStaffAction,
  type MemberAccessDeps,
  memberIdSchema,
  refused,
  teamCheckedMember,
} from '../console/team-checked-member.js';

/** Acknowledge and snooze: the same domain code as the CLI. */
export interface AlertActions {
  acknowledge(input: { alertKey: string; by: string; note?: string }): Promise<unknown>;
  snooze(input: { alertKey: string; until: string; by: string; reason: string }): Promise<unknown>;
}

export interface ConsoleActionDeps extends SessionDeps, MemberAccessDeps {
  alerts: Pick<AlertStore, 'get'>;
  actions: AlertActions;
  logger: Logger;
}

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

/**
 * The console's alert forms: acknowledge and snooze. Each needs a signed-in staff user of the member's team
 * and this session's CSRF token; each change is audited.
 */
export const createConsoleActionsRoute =
  (deps: ConsoleActionDeps): HttpRoute =>
  async (event) => {
    const who = await signedInStaff(deps, event);
    if ('refusal' in who) return who.refusal;
    const { signed } = who;
    const checked = checkedForm(event, signed, deps.logger);
    if ('refusal' in checked) return checked.refusal;
    const { form } = checked;
    const path = requestPath(event);
    const requestId = event.requestContext.requestId;
    if (path === '/console/alerts/acknowledge') return acknowledge(deps, signed, form, requestId);
    if (path === '/console/alerts/snooze') return snooze(deps, signed, form, requestId);
    return pageNotFound(signed.chrome);
  };

/** The alert, if it is this member's and the staff user may see the member. */
const alertFor = async (
  deps: ConsoleActionDeps,
  signed: Signed,
  memberId: string,
  alertKey: string,
  requestId: string,
): Promise<Alert | undefined> => {
  const member = await teamCheckedMember(deps, signed, memberId, requestId);
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
  deps: ConsoleActionDeps,
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
  await auditStaffAction(deps, signed, alert.memberId, 'alert-acknowledged', requestId, {
    subjectId: alert.alertKey,
  });
  return afterAction(input.data.returnTo, 'acknowledged', signed);
};

const snooze = async (
  deps: ConsoleActionDeps,
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
  await auditStaffAction(deps, signed, alert.memberId, 'alert-snoozed', requestId, {
    subjectId: alert.alertKey,
  });
  return afterAction(input.data.returnTo, 'snoozed', signed);
};
