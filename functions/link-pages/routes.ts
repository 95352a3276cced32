import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Clock } from '../../shared/domain/clock.js';
import { type CompleteLinkDeps, completeLink } from '../../shared/domain/link/complete-link.js';
import type { GoogleOAuth } from '../../shared/domain/link/google-oauth.js';
import type { InvitationStore } from '../../shared/domain/link/invitation-store.js';
import { checkInvitation, startAuthorization } from '../../shared/domain/link/start-authorization.js';
import * as z from '../../shared/domain/zod-mini.js';
import type { HttpResult, HttpRoute } from '../../shared/runtime/http/http-handler.js';
import { OAUTH_CALLBACK_PATH } from '../../shared/runtime/resource-catalogue.js';
import {
  browserBindingCookie,
  browserBindingSecretOf,
  expiredBrowserBindingCookie,
} from './browser-binding-cookie.js';
import { redirect } from './link-page.js';
import {
  completionPage,
  invitationPage,
  invitationProblemPage,
  unexpectedErrorPage,
} from './link-pages-content.js';

export interface LinkPagesDeps extends CompleteLinkDeps {
  invitations: InvitationStore;
  oauth: GoogleOAuth;
  clock: Clock;
  logger: Logger;
  /** Mark the binding cookie Secure: true unless the public address is plain http (the local stack). */
  secureCookies: boolean;
}

const invitationIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const callbackQuerySchema = z.object({
  state: z.optional(z.string().check(z.maxLength(200))),
  code: z.optional(z.string().check(z.maxLength(2048))),
  error: z.optional(z.string().check(z.maxLength(200))),
});

const INVITATION_PATH = /^\/v1\/link\/([^/]+)$/;
const START_PATH = /^\/v1\/link\/([^/]+)\/start$/;

/** The one route for the three pages; any unexpected failure becomes a plain-words page, not JSON. */
export const createLinkPagesRoute =
  (deps: LinkPagesDeps): HttpRoute =>
  async (event) => {
    try {
      return await dispatch(event, deps);
    } catch (error) {
      deps.logger.error('link page failed', { errorName: error instanceof Error ? error.name : 'unknown' });
      return unexpectedErrorPage();
    }
  };

type Route = { page: 'callback' } | { page: 'invitation' | 'start'; invitationId: string | undefined };

/** By API Gateway routeKey; by path when a local front end sends `$default`. */
const resolveRoute = (event: APIGatewayProxyEventV2): Route | undefined => {
  const id = event.pathParameters?.invitationId;
  switch (event.routeKey) {
    case `GET ${OAUTH_CALLBACK_PATH}`:
      return { page: 'callback' };
    case 'GET /v1/link/{invitationId}':
      return { page: 'invitation', invitationId: id };
    case 'GET /v1/link/{invitationId}/start':
      return { page: 'start', invitationId: id };
  }
  if (event.requestContext.http.method !== 'GET') return undefined;
  if (event.rawPath === OAUTH_CALLBACK_PATH) return { page: 'callback' };
  const start = START_PATH.exec(event.rawPath);
  if (start !== null) return { page: 'start', invitationId: start[1] };
  const invitation = INVITATION_PATH.exec(event.rawPath);
  return invitation === null ? undefined : { page: 'invitation', invitationId: invitation[1] };
};

const dispatch = async (event: APIGatewayProxyEventV2, deps: LinkPagesDeps): Promise<HttpResult> => {
  const route = resolveRoute(event);
  if (route === undefined) return invitationProblemPage('not-found');
  if (route.page === 'callback') {
    const query = callbackQuerySchema.safeParse(event.queryStringParameters ?? {});
    const outcome = await completeLink(
      query.success ? query.data : {},
      { bindingSecret: browserBindingSecretOf(event) },
      deps,
    );
    deps.logger.info('link callback', {
      outcome: outcome.kind,
      ...(outcome.kind === 'linked' ? { backfillQueued: outcome.backfillQueued } : {}),
    });
    const page = completionPage(outcome);
    // Cleared only once linked: any other answer may come from a forged or stale URL, and must not wipe the
    // cookie of an attempt still in progress in this browser (a new start replaces it anyway).
    return outcome.kind === 'linked'
      ? { ...page, cookies: [expiredBrowserBindingCookie(deps.secureCookies)] }
      : page;
  }
  const invitationId = invitationIdSchema.safeParse(route.invitationId);
  if (!invitationId.success) return invitationProblemPage('not-found');
  if (route.page === 'start') {
    const outcome = await startAuthorization(invitationId.data, deps);
    deps.logger.info('link start', { outcome: outcome.kind === 'redirect' ? 'redirect' : outcome.problem });
    return outcome.kind === 'redirect'
      ? {
          ...redirect(outcome.url),
          cookies: [browserBindingCookie(outcome.browserSecret, deps.secureCookies)],
        }
      : invitationProblemPage(outcome.problem);
  }
  const check = await checkInvitation(invitationId.data, deps);
  return check.kind === 'usable' ? invitationPage(invitationId.data) : invitationProblemPage(check.problem);
};
