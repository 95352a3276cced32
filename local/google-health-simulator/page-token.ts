import { invalidArgumentError } from './rpc-status-error.js';
import type { SimulatedPoint } from './simulated-point.js';

/** Where a page ended, tied to the query it came from. Opaque to clients (base64url JSON). */
export interface PageCursor {
  startMs: number;
  id: string;
  query: string;
}

export const encodePageToken = (cursor: PageCursor): string =>
  Buffer.from(JSON.stringify({ v: 1, s: cursor.startMs, i: cursor.id, q: cursor.query })).toString(
    'base64url',
  );

export const decodePageToken = (token: string, query: string): PageCursor => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidArgumentError('Invalid page token');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !('v' in parsed && 's' in parsed && 'i' in parsed && 'q' in parsed) ||
    parsed.v !== 1 ||
    typeof parsed.s !== 'number' ||
    typeof parsed.i !== 'string' ||
    typeof parsed.q !== 'string'
  ) {
    throw invalidArgumentError('Invalid page token');
  }
  if (parsed.q !== query) throw invalidArgumentError('Page token does not match the request parameters');
  return { startMs: parsed.s, id: parsed.i, query: parsed.q };
};

/** True when the point sorts after the cursor in newest-first order. */
export const isAfterCursor = (point: SimulatedPoint, cursor: PageCursor): boolean =>
  point.startMs < cursor.startMs || (point.startMs === cursor.startMs && point.id < cursor.id);
