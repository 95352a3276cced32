import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcStatusError } from './rpc-status-error.js';

const MAX_BODY_BYTES = 1_000_000;

export const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RpcStatusError(400, 'INVALID_ARGUMENT', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

/** Form body of a token or revoke call; Google's endpoints only take urlencoded forms. */
export const readForm = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const body = await readBody(request);
  const type = request.headers['content-type'] ?? '';
  if (body.length > 0 && !type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(body.toString('utf8'));
};

export const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(payload);
};

export const sendText = (
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void => {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

export const sendRedirect = (response: ServerResponse, location: string): void => {
  response.writeHead(302, { location, 'content-length': 0 });
  response.end();
};

export const sendRpcError = (response: ServerResponse, error: RpcStatusError): void =>
  sendJson(response, error.httpStatus, error.toBody(), error.details.headers ?? {});
