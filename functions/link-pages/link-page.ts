import { createHash } from 'node:crypto';
import type { HttpResult } from '../../shared/runtime/http/http-handler.js';

const STYLE =
  'body{margin:0;background:#fff;color:#0b0c0c;font:1.25rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}' +
  'main{max-width:36rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}' +
  'h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}h2{font-size:1.5rem;margin:2rem 0 .5rem}' +
  'li{margin:.25rem 0}' +
  '.button{display:block;box-sizing:border-box;width:100%;margin:2rem 0 1rem;padding:1rem;border-radius:.5rem;' +
  'background:#00703c;color:#fff;font-size:1.5rem;font-weight:700;text-align:center;text-decoration:none}' +
  '.button:focus{outline:4px solid #fd0;outline-offset:0;background:#005a30}' +
  '.note{border-left:6px solid #1d70b8;padding-left:1rem}';

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** No scripts, no images, no framing, no forms; only this one inline style. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  // The invitation id is in our URLs: never send it to Google or anyone else as a Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

/** A piece of page content: plain text is always escaped when it is turned into HTML. */
export type Block =
  | { p: string }
  | { note: string }
  | { h2: string }
  | { list: string[] }
  | { button: { label: string; href: string } };

const renderBlock = (block: Block): string => {
  if ('p' in block) return `<p>${escapeHtml(block.p)}</p>`;
  if ('note' in block) return `<p class="note">${escapeHtml(block.note)}</p>`;
  if ('h2' in block) return `<h2>${escapeHtml(block.h2)}</h2>`;
  if ('list' in block) return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return `<a class="button" href="${escapeHtml(block.button.href)}">${escapeHtml(block.button.label)}</a>`;
};

export const htmlPage = (statusCode: number, title: string, blocks: Block[]): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS },
  body:
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${blocks.map(renderBlock).join('')}</main></body></html>`,
});

export const redirect = (location: string): HttpResult => ({
  statusCode: 302,
  headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  body: '',
});
