import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayRequestAuthorizerEventV2,
  Context,
} from 'aws-lambda';
import { createLambdaContext } from './lambda-context.js';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './local-aws.js';

/** API Gateway's request payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Idle keep-alive connections stay open this long, as API Gateway keeps them far longer than any client
 * idles (undici's fetch reuses a connection for a few seconds; browsers up to a minute). Node's default of
 * 5 s closed connections that a client was just reusing, which it saw as "other side closed".
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Must exceed the keep-alive timeout, or Node can drop a reused connection while it awaits headers. */
export const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;
const API_ID = 'local';

/**
 * Method syntax keeps the parameter check bivariant, so handlers typed for a narrower event
 * (for example with a Lambda authoriser context) can be registered.
 */
export interface HttpHandler {
  handler(event: APIGatewayProxyEventV2, context: Context): unknown;
}
export interface RequestAuthorizer {
  handler(event: APIGatewayRequestAuthorizerEventV2, context: Context): unknown;
}

export interface HttpRoute {
  /** GET, POST, ... or ANY. */
  readonly method: string;
  /** API Gateway route path, e.g. /v1/link/{invitationId} or /files/{proxy+}. */
  readonly path: string;
  readonly functionName: string;
  readonly handler: HttpHandler['handler'];
  readonly authorizer?: { readonly functionName: string; readonly handler: RequestAuthorizer['handler'] };
}

export interface HttpApiAdapterOptions {
  readonly routes: readonly HttpRoute[];
  /** 0 or absent: a random free port. */
  readonly port?: number;
  readonly host?: string;
  /** Where handler and authoriser failures are reported. Default console.error. */
  readonly log?: (message: string, error: unknown) => void;
}

export interface HttpApiAdapter {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface MatchedRoute {
  readonly route: HttpRoute;
  readonly pathParameters: Record<string, string>;
}

interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

const jsonMessage = (statusCode: number, message: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

const segmentsOf = (path: string): string[] => path.split('/').filter((segment) => segment !== '');

const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const expected = segmentsOf(template);
  const actual = segmentsOf(path);
  const parameters: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const greedy = /^\{(\w+)\+\}$/.exec(segment);
    if (greedy?.[1] !== undefined && index === expected.length - 1) {
      if (actual.length <= index) return undefined;
      parameters[greedy[1]] = actual.slice(index).map(decodeURIComponent).join('/');
      return parameters;
    }
    const value = actual[index];
    if (value === undefined) return undefined;
    const variable = /^\{(\w+)\}$/.exec(segment);
    if (variable?.[1] !== undefined) parameters[variable[1]] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return actual.length === expected.length ? parameters : undefined;
};

/** API Gateway prefers the most specific route: more literal segments first, greedy last. */
const specificity = (route: HttpRoute): number =>
  segmentsOf(route.path).reduce(
    (score, segment) => score + (segment.endsWith('+}') ? 0 : segment.startsWith('{') ? 1 : 100),
    route.method === 'ANY' ? 0 : 1,
  );

const findRoute = (routes: readonly HttpRoute[], method: string, path: string): MatchedRoute | undefined => {
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const pathParameters = matchTemplate(route.path, path);
    if (pathParameters !== undefined) return { route, pathParameters };
  }
  return undefined;
};

const TEXT_CONTENT_TYPE =
  /^(text\/|application\/(json|xml|javascript|ecmascript|graphql)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

/** HTTP APIs pass text bodies as they are and base64-encode everything else. */
const isTextContent = (contentType: string | undefined): boolean =>
  contentType !== undefined && TEXT_CONTENT_TYPE.test(contentType.trim());

/** Reads the whole body; over the limit it drains the rest (so the client sees the 413) and rejects. */
const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size =
      Number(request.headers['content-length'] ?? 0) > MAX_PAYLOAD_BYTES ? Number.POSITIVE_INFINITY : 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_PAYLOAD_BYTES ? reject(new PayloadTooLargeError()) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });

const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
};

const cookiesOf = (request: IncomingMessage): string[] =>
  (request.headers.cookie ?? '')
    .split(';')
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');

const queryParametersOf = (search: URLSearchParams): Record<string, string> | undefined => {
  const parameters: Record<string, string> = {};
  for (const [name, value] of search) {
    const existing = parameters[name];
    parameters[name] = existing === undefined ? value : `${existing},${value}`;
  }
  return Object.keys(parameters).length === 0 ? undefined : parameters;
};

/** CLF-style time, as API Gateway writes it: 12/Mar/2020:19:03:58 +0000. */
const requestTime = (date: Date): string => {
  const month = date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' }).slice(0, 3);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
};

interface RequestParts {
  readonly event: APIGatewayProxyEventV2;
  readonly authorizerEvent: APIGatewayRequestAuthorizerEventV2;
}

const buildEvents = (request: IncomingMessage, matched: MatchedRoute, body: Buffer): RequestParts => {
  const rawUrl = request.url ?? '/';
  const queryIndex = rawUrl.indexOf('?');
  const rawPath = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
  const rawQueryString = queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1);
  const method = request.method ?? 'GET';
  const headers = headersOf(request);
  const cookies = cookiesOf(request);
  const now = new Date();
  const host = headers.host ?? 'localhost';
  const routeKey = `${matched.route.method} ${matched.route.path}`;
  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: API_ID,
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method,
      path: rawPath,
      protocol: `HTTP/${request.httpVersion}`,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: requestTime(now),
    timeEpoch: now.getTime(),
  };
  const queryStringParameters = queryParametersOf(new URLSearchParams(rawQueryString));
  const pathParameters =
    Object.keys(matched.pathParameters).length === 0 ? undefined : matched.pathParameters;
  const hasBody = body.length > 0;
  const isBase64Encoded = hasBody && !isTextContent(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    ...(pathParameters === undefined ? {} : { pathParameters }),
    requestContext,
    ...(hasBody ? { body: body.toString(isBase64Encoded ? 'base64' : 'utf8') } : {}),
    isBase64Encoded,
  };
  const authorizerEvent: APIGatewayRequestAuthorizerEventV2 = {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${API_ID}/$default/${method}${rawPath}`,
    identitySource: headers.authorization === undefined ? [] : [headers.authorization],
    routeKey,
    rawPath,
    rawQueryString,
    cookies,
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    requestContext,
    ...(pathParameters === undefined ? {} : { pathParameters }),
  };
  return { event, authorizerEvent };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Maps a payload 2.0 result as API Gateway does, including results without a statusCode. */
export const toHttpResult = (result: unknown): HttpResult => {
  if (isRecord(result) && 'statusCode' in result) {
    if (typeof result.statusCode !== 'number') return jsonMessage(500, 'Internal Server Error');
    const headers: Record<string, string> = {};
    if (isRecord(result.headers)) {
      for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value);
    }
    const cookies = Array.isArray(result.cookies) ? result.cookies.map(String) : [];
    const text = typeof result.body === 'string' ? result.body : '';
    const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
    return { statusCode: result.statusCode, headers, cookies, body };
  }
  // No statusCode: API Gateway assumes 200, JSON, and the result itself as the body.
  const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(body),
  };
};

const send = (response: ServerResponse, result: HttpResult, requestId: string | undefined): void => {
  response.statusCode = result.statusCode;
  for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
  if (result.cookies.length > 0) response.setHeader('set-cookie', [...result.cookies]);
  if (requestId !== undefined) response.setHeader('apigw-requestid', requestId);
  response.setHeader('content-length', result.body.length);
  response.end(result.body);
};

type Authorization = { readonly allowed: true; readonly context: unknown } | { readonly denied: HttpResult };

const authorize = async (
  authorizer: NonNullable<HttpRoute['authorizer']>,
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<Authorization> => {
  // API Gateway answers 401 itself, without invoking the authoriser, when the identity source is absent.
  if (event.identitySource.length === 0 || event.identitySource.every((value) => value.trim() === '')) {
    return { denied: jsonMessage(401, 'Unauthorized') };
  }
  const response = await authorizer.handler(event, createLambdaContext(authorizer.functionName));
  if (!isRecord(response) || typeof response.isAuthorized !== 'boolean') {
    throw new Error('Authoriser returned no boolean isAuthorized (simple responses)');
  }
  if (!response.isAuthorized) return { denied: jsonMessage(403, 'Forbidden') };
  return { allowed: true, context: response.context ?? {} };
};

/**
 * A local API Gateway HTTP API: turns requests into payload 2.0 events, runs Lambda REQUEST
 * authorisers with simple responses, and maps handler results back to HTTP.
 */
export const startHttpApiAdapter = async (options: HttpApiAdapterOptions): Promise<HttpApiAdapter> => {
  const routes = [...options.routes].sort((left, right) => specificity(right) - specificity(left));
  const log = options.log ?? ((message, error) => console.error(message, error));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const matched = findRoute(routes, method, path);
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        send(response, jsonMessage(413, 'Request Entity Too Large'), undefined);
        return;
      }
      throw error;
    }
    if (matched === undefined) {
      send(response, jsonMessage(404, 'Not Found'), undefined);
      return;
    }
    const { event, authorizerEvent } = buildEvents(request, matched, body);
    const requestId = event.requestContext.requestId;
    const { route } = matched;
    let invocationEvent: APIGatewayProxyEventV2 = event;
    if (route.authorizer !== undefined) {
      let authorization: Authorization;
      try {
        authorization = await authorize(route.authorizer, authorizerEvent);
      } catch (error) {
        log(`Authoriser ${route.authorizer.functionName} failed for ${event.routeKey}`, error);
        send(response, jsonMessage(500, 'Internal Server Error'), requestId);
        return;
      }
      if ('denied' in authorization) {
        send(response, authorization.denied, requestId);
        return;
      }
      invocationEvent = {
        ...event,
        requestContext: { ...event.requestContext, authorizer: { lambda: authorization.context } },
      } as APIGatewayProxyEventV2;
    }
    let result: unknown;
    try {
      result = await route.handler(invocationEvent, createLambdaContext(route.functionName));
    } catch (error) {
      log(`Function ${route.functionName} failed for ${event.routeKey}`, error);
      send(response, jsonMessage(500, 'Internal Server Error'), requestId);
      return;
    }
    send(response, toHttpResult(result), requestId);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('Local HTTP API failed', error);
      if (!response.headersSent) send(response, jsonMessage(500, 'Internal Server Error'), undefined);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
};
