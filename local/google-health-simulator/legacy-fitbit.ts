import type { ServerResponse } from 'node:http';
import { sendJson } from './http-exchange.js';

const LEGACY_PREFIXES = ['/1/', '/1.1/', '/1.2/'];
const LEGACY_OAUTH = new Set(['/oauth2/token', '/oauth2/authorize', '/oauth2/revoke', '/oauth2/introspect']);

/** The Fitbit Web API (api.fitbit.com) shut down on 2 Nov 2026 and answers 410 Gone. */
export const isLegacyFitbitPath = (path: string): boolean =>
  LEGACY_PREFIXES.some((prefix) => path.startsWith(prefix)) || LEGACY_OAUTH.has(path);

export const sendLegacyGone = (response: ServerResponse): void =>
  sendJson(response, 410, {
    errors: [
      {
        errorType: 'gone',
        message: 'The Fitbit Web API was shut down on 2 November 2026. Use the Google Health API.',
      },
    ],
    success: false,
  });
