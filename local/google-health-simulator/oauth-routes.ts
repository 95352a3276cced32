import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendJson, sendRedirect, sendText } from './http-exchange.js';
import type { SimulatorContext } from './simulator-context.js';

export const OAUTH_PATHS = { authorize: '/o/oauth2/v2/auth', token: '/token', revoke: '/revoke' } as const;

/** GET /o/oauth2/v2/auth: the simulator plays the person and consents (or not) at once. */
export const handleAuthorize = (context: SimulatorContext, url: URL, response: ServerResponse): void => {
  sendRedirect(response, context.oauth.authorize(url.searchParams));
};

export const handleToken = async (
  context: SimulatorContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const form = await readForm(request);
  sendJson(response, 200, context.oauth.token(form, request.headers.authorization));
};

/** POST /revoke?token=… or with a form body, as Google accepts both. */
export const handleRevoke = async (
  context: SimulatorContext,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> => {
  const form = await readForm(request);
  context.oauth.revoke(url.searchParams.get('token') ?? form.get('token') ?? undefined);
  sendJson(response, 200, {});
};

export const sendAuthorizationErrorPage = (
  response: ServerResponse,
  error: string,
  description: string,
): void => {
  const escapeHtml = (text: string) => text.replace(/[<>&"]/g, (char) => `&#${char.charCodeAt(0)};`);
  sendText(
    response,
    400,
    'text/html; charset=utf-8',
    `<!doctype html><title>Error 400: ${escapeHtml(error)}</title><h1>Access blocked: Authorization Error</h1>` +
      `<p>Error 400: ${escapeHtml(error)}</p><p>${escapeHtml(description)}</p>`,
  );
};
