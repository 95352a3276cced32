import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Clock } from '../../shared/domain/clock.js';
import type { StaffDirectory } from '../../shared/domain/ports/staff-directory.js';
import type { StaffMember } from '../../shared/domain/staff/staff-member.js';
import type { HttpResult } from '../../shared/runtime/http/http-handler.js';
import {
  type ConsoleSession,
  type CookieSettings,
  csrfTokenFor,
  readSession,
  sessionCookie,
} from './console-session.js';
import { type PageChrome, problemPage, seeOther } from './pages/layout.js';

/** What every signed-in console function needs to know who is asking. */
export interface SessionDeps {
  cookies: () => Promise<CookieSettings>;
  staff: StaffDirectory;
  clock: Clock;
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

/** Only our own pages: no open redirect through returnTo. */
export const safeReturnTo = (value: string | undefined): string =>
  value !== undefined && /^\/console(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(value)
    ? value
    : '/console';

export const requestPath = (event: APIGatewayProxyEventV2): string =>
  event.rawPath.replace(/\/+$/, '') || '/';

/** A page request without a session goes to sign-in and comes back; a form post is refused unchanged. */
export const signInFirst = (event: APIGatewayProxyEventV2): HttpResult => {
  if (event.requestContext.http.method !== 'GET') {
    return problemPage(
      401,
      'Please sign in again',
      'Your session has ended. Nothing was changed. Sign in and try again.',
    );
  }
  const path = requestPath(event);
  const returnTo = safeReturnTo(`${path}${event.rawQueryString === '' ? '' : `?${event.rawQueryString}`}`);
  return seeOther(`/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
};

/**
 * The session in the request's cookies and its staff user, read from the directory on every request
 * (someone removed from every team loses access at once); otherwise the response to send instead:
 * `whenSignedOut` without a session, 403 for a person in no care team.
 */
export const signedInStaff = async (
  deps: SessionDeps,
  event: APIGatewayProxyEventV2,
  whenSignedOut: (event: APIGatewayProxyEventV2) => HttpResult = signInFirst,
): Promise<{ signed: Signed } | { refusal: HttpResult }> => {
  const settings = await deps.cookies();
  const now = deps.clock.now().getTime();
  const session = readSession(settings, event.cookies, now);
  if (session === undefined) return { refusal: whenSignedOut(event) };
  const staff = await deps.staff.getStaff(session.email);
  if (staff === undefined || staff.teams.length === 0) {
    return {
      refusal: problemPage(
        403,
        'You are not in a care team yet',
        `You signed in as ${session.email}, but that address is not in any care team. Ask an administrator to add you (pulse-relay staff add).`,
      ),
    };
  }
  const csrfToken = csrfTokenFor(settings, session);
  return {
    signed: {
      session,
      staff,
      settings,
      csrfToken,
      chrome: { staff: { name: staff.name, teams: staff.teams, csrfToken } },
      cookie: sessionCookie(settings, session, now),
    },
  };
};
