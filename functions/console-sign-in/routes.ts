import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Clock } from '../../shared/domain/clock.js';
import {
  SignInFailedError,
  type StaffIdentityProvider,
} from '../../shared/domain/ports/staff-identity-provider.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';
import { checkedForm } from '../console/console-form.js';
import {
  type CookieSettings,
  clearSessionCookie,
  clearSignInCookie,
  newSession,
  readSession,
  readSignIn,
  sessionCookie,
  signInCookie,
} from '../console/console-session.js';
import { html } from '../console/pages/html.js';
import { consolePage, pageNotFound, problemPage, seeOther } from '../console/pages/layout.js';
import { requestPath, safeReturnTo } from '../console/signed-in-staff.js';

export interface SignInDeps {
  cookies: () => Promise<CookieSettings>;
  identity: StaffIdentityProvider;
  clock: Clock;
  /** Public base URL of the API (the console is at <base>/console). */
  publicBaseUrl: string;
  logger: Logger;
}

/**
 * Staff sign-in and sign-out: the only console function that talks to the identity provider, and the
 * only one that needs no table at all (a session is a sealed cookie; the pages check the staff directory).
 */
export const createSignInRoute =
  (deps: SignInDeps): HttpRoute =>
  async (event) => {
    const settings = await deps.cookies();
    const now = deps.clock.now();
    const method = event.requestContext.http.method;
    const path = requestPath(event);
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
    if (path === '/console/sign-out' && method === 'POST') return signOut(deps, settings, event, now);
    return pageNotFound();
  };

const beginSignIn = async (
  deps: SignInDeps,
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
  deps: SignInDeps,
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

/** Sign-out is a form like any other: a genuine session and its CSRF token, or nothing changes. */
const signOut = async (
  deps: SignInDeps,
  settings: CookieSettings,
  event: APIGatewayProxyEventV2,
  now: Date,
): Promise<HttpResult> => {
  const session = readSession(settings, event.cookies, now.getTime());
  if (session === undefined) {
    return problemPage(
      401,
      'Please sign in again',
      'Your session has ended. Nothing was changed. Sign in and try again.',
    );
  }
  const checked = checkedForm(event, { settings, session }, deps.logger);
  if ('refusal' in checked) return checked.refusal;
  return seeOther('/console/signed-out', [clearSessionCookie(settings)]);
};
