import { consoleSessionKey } from '../../shared/adapters/console-session-key.js';
import { ENV, requireEnv } from '../../shared/runtime/environment.js';
import type { CookieSettings } from './console-session.js';

/** Cookies are Secure everywhere except a console served over plain http on this machine. */
const isLocalHttp = (baseUrl: string): boolean => {
  const url = new URL(baseUrl);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
};

/** The public base URL without a trailing slash (the console is at <base>/console). */
export const consoleBaseUrl = (): string => requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '');

/**
 * How every console function seals and names its cookies: the same key and names in each, so one
 * sign-in serves the pages, the forms and the FHIR export.
 */
export const consoleCookieSettings = (publicBaseUrl: string): (() => Promise<CookieSettings>) => {
  const secure = !isLocalHttp(publicBaseUrl);
  return async () => ({ key: await consoleSessionKey(), secure });
};
