import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleUserApi, isUserApiPath } from './api-routes.js';
import { sendJson, sendRpcError } from './http-exchange.js';
import { isLegacyFitbitPath, sendLegacyGone } from './legacy-fitbit.js';
import { AuthorizationRequestError, OAuthError } from './oauth-error.js';
import {
  handleAuthorize,
  handleRevoke,
  handleToken,
  OAUTH_PATHS,
  sendAuthorizationErrorPage,
} from './oauth-routes.js';
import { notFoundError, RpcStatusError } from './rpc-status-error.js';
import type { RequestTrace, SimulatorContext } from './simulator-context.js';
import { handleSubscribers, isWebhookAdminPath, KEYSET_PATH } from './webhook-routes.js';

const dispatch = async (
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
  trace: RequestTrace,
): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://simulator.invalid');
  // Collapse doubled slashes so clients that join base URLs loosely still route.
  const path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/');
  const method = request.method ?? 'GET';
  trace.route = path;
  if (isLegacyFitbitPath(path)) {
    trace.route = 'legacy-fitbit';
    sendLegacyGone(response);
    return;
  }
  if (method === 'GET' && path === OAUTH_PATHS.authorize) return handleAuthorize(context, url, response);
  if (method === 'POST' && path === OAUTH_PATHS.token) return handleToken(context, request, response);
  if (method === 'POST' && path === OAUTH_PATHS.revoke) return handleRevoke(context, url, request, response);
  if (method === 'GET' && path === KEYSET_PATH) {
    sendJson(response, 200, context.keyset.publicKeyset());
    return;
  }
  if (method === 'GET' && isUserApiPath(path)) {
    return handleUserApi(context, url, path, request.headers.authorization, response, trace);
  }
  if (isWebhookAdminPath(path)) return handleSubscribers(context, url, path, request, response, trace);
  throw notFoundError(`The requested URL ${path} was not found on this server.`);
};

/** Routes one request, maps known errors to Google's wire formats, and records it in the request log. */
export const routeRequest = async (
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const trace: RequestTrace = { route: '', userKey: undefined };
  const at = new Date(context.now()).toISOString();
  response.on('finish', () =>
    context.log.record({
      at,
      method: request.method ?? 'GET',
      route: trace.route,
      userKey: trace.userKey,
      status: response.statusCode,
    }),
  );
  try {
    await dispatch(context, request, response, trace);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
    } else if (error instanceof RpcStatusError) {
      sendRpcError(response, error);
    } else if (error instanceof OAuthError) {
      sendJson(response, error.httpStatus, error.toBody());
    } else if (error instanceof AuthorizationRequestError) {
      sendAuthorizationErrorPage(response, error.error, error.description);
    } else {
      sendRpcError(response, new RpcStatusError(500, 'INTERNAL', 'Internal error encountered.'));
    }
  }
};
