import type { HttpResult } from '../../../shared/runtime/http/http-handler.js';
import { CONSOLE_STYLE, CONSOLE_STYLE_HASH } from './console-style.js';
import { html, type SafeHtml, trustedMarkup } from './html.js';

/** No scripts at all; forms only to ourselves; no framing (clickjacking); nothing cached (health data). */
export const CONSOLE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${CONSOLE_STYLE_HASH}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000',
};

export interface PageChrome {
  /** The signed-in person, shown with a sign-out button; absent on sign-in problem pages. */
  staff?: { name: string; teams: readonly string[]; csrfToken: string };
}

export const consolePage = (
  statusCode: number,
  title: string,
  body: SafeHtml,
  chrome: PageChrome = {},
  cookies: string[] = [],
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', ...CONSOLE_SECURITY_HEADERS },
  cookies,
  body: html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – pulse-relay care console</title><style>${trustedMarkup(CONSOLE_STYLE)}</style></head><body><a class="skip" href="#content">Skip to main content</a><header class="top"><a href="/console">pulse-relay care console</a>${
    chrome.staff === undefined
      ? ''
      : html`<span>Signed in as ${chrome.staff.name} (${chrome.staff.teams.join(', ')})</span><form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${chrome.staff.csrfToken}"><button type="submit">Sign out</button></form>`
  }</header><main id="content">${body}</main></body></html>`.value,
});

export const seeOther = (location: string, cookies: string[] = []): HttpResult => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
  cookies,
  body: '',
});

export const problemPage = (statusCode: number, title: string, message: string, chrome: PageChrome = {}) =>
  consolePage(
    statusCode,
    title,
    html`<h1>${title}</h1><p class="problem">${message}</p><p><a href="/console">Back to the inbox</a></p>`,
    chrome,
  );

/** Any console path no route answers. */
export const pageNotFound = (chrome: PageChrome = {}) =>
  problemPage(404, 'Page not found', 'There is no such page.', chrome);
