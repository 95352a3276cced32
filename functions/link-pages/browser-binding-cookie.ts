import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { OAUTH_CALLBACK_PATH } from '../../shared/runtime/resource-catalogue.js';

export const BROWSER_BINDING_COOKIE = 'pulse_link_binding';

/**
 * How long a started attempt can be finished in: long enough to sign in to Google with a support worker's
 * help, short enough that a forgotten phone does not carry it for days. A later start replaces it.
 */
export const BROWSER_BINDING_MAX_AGE_SECONDS = 60 * 60;

/**
 * HttpOnly: no page script can read it. SameSite=Lax: sent on the top-level GET navigation from Google
 * back to the callback (Strict would drop it there). Path: only the callback ever receives it. Secure
 * whenever the public address is https (everywhere but the local stack on http://127.0.0.1).
 */
const attributes = (secure: boolean, maxAgeSeconds: number): string =>
  `Max-Age=${maxAgeSeconds}; Path=${OAUTH_CALLBACK_PATH}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

export const browserBindingCookie = (secret: string, secure: boolean): string =>
  `${BROWSER_BINDING_COOKIE}=${secret}; ${attributes(secure, BROWSER_BINDING_MAX_AGE_SECONDS)}`;

/** Sent once linked, so a finished attempt leaves nothing behind in the browser. */
export const expiredBrowserBindingCookie = (secure: boolean): string =>
  `${BROWSER_BINDING_COOKIE}=; ${attributes(secure, 0)}`;

/** HTTP API payload 2.0 gives cookies as `name=value` strings in event.cookies. */
export const browserBindingSecretOf = (event: APIGatewayProxyEventV2): string | undefined => {
  for (const cookie of event.cookies ?? []) {
    const separator = cookie.indexOf('=');
    if (separator !== -1 && cookie.slice(0, separator).trim() === BROWSER_BINDING_COOKIE) {
      return cookie.slice(separator + 1).trim();
    }
  }
  return undefined;
};
