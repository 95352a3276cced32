import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { type HttpApiAdapter, type HttpRoute, startHttpApiAdapter } from '../../../local/http-api-adapter.js';

const started: HttpApiAdapter[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((adapter) => adapter.stop()));
});

const start = async (routes: HttpRoute[]) => {
  const adapter = await startHttpApiAdapter({ routes, log: () => undefined });
  started.push(adapter);
  return adapter;
};

const recordingHandler = () => {
  const events: APIGatewayProxyEventV2[] = [];
  const handler = async (event: APIGatewayProxyEventV2) => {
    events.push(event);
    return { statusCode: 202, headers: { 'X-Echo': 'yes' }, body: JSON.stringify({ ok: true }) };
  };
  return { events, handler };
};

describe('HTTP API adapter', () => {
  it('builds a payload 2.0 event with path parameters, query, lower-cased headers and cookies', async () => {
    const { events, handler } = recordingHandler();
    const api = await start([
      { method: 'GET', path: '/v1/link/{invitationId}/start', functionName: 'link', handler },
    ]);

    const response = await fetch(`${api.url}/v1/link/inv%20123/start?a=1&a=2&b=x%20y`, {
      headers: { 'X-Custom-Header': 'Value', Cookie: 'c1=v1; c2=v2' },
    });

    expect(response.status).toBe(202);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({ ok: true });
    const [event] = events;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/link/{invitationId}/start',
      rawPath: '/v1/link/inv%20123/start',
      rawQueryString: 'a=1&a=2&b=x%20y',
      cookies: ['c1=v1', 'c2=v2'],
      queryStringParameters: { a: '1,2', b: 'x y' },
      pathParameters: { invitationId: 'inv 123' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/v1/link/inv%20123/start', sourceIp: '127.0.0.1' },
        routeKey: 'GET /v1/link/{invitationId}/start',
        stage: '$default',
      },
    });
    expect(event?.headers['x-custom-header']).toBe('Value');
    expect(event?.headers.cookie).toBeUndefined();
    expect(event?.body).toBeUndefined();
    expect(event?.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs((event?.requestContext.timeEpoch ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', async () => {
    const { events, handler } = recordingHandler();
    const api = await start([{ method: 'POST', path: '/upload', functionName: 'upload', handler }]);

    await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"systolic":120}',
    });
    await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 1]),
    });

    expect(events[0]).toMatchObject({ body: '{"systolic":120}', isBase64Encoded: false });
    expect(events[1]).toMatchObject({
      body: Buffer.from([0, 255, 1]).toString('base64'),
      isBase64Encoded: true,
    });
  });

  it('answers unknown routes 404 and handler errors 500 with API Gateway bodies', async () => {
    const api = await start([
      {
        method: 'POST',
        path: '/boom',
        functionName: 'boom',
        handler: async () => {
          throw new Error('kaput');
        },
      },
    ]);

    const missing = await fetch(`${api.url}/nowhere`);
    const wrongMethod = await fetch(`${api.url}/boom`);
    const failed = await fetch(`${api.url}/boom`, { method: 'POST' });

    expect([missing.status, await missing.json()]).toEqual([404, { message: 'Not Found' }]);
    expect(wrongMethod.status).toBe(404);
    expect([failed.status, await failed.json()]).toEqual([500, { message: 'Internal Server Error' }]);
  });

  it('maps a result without statusCode as API Gateway does (200, JSON)', async () => {
    const api = await start([
      { method: 'GET', path: '/plain', functionName: 'plain', handler: async () => ({ a: 1 }) },
    ]);

    const response = await fetch(`${api.url}/plain`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('enforces the authoriser: 401 without the identity source, 403 when denied, context when allowed', async () => {
    const authorizerEvents: APIGatewayRequestAuthorizerEventV2[] = [];
    const { events, handler } = recordingHandler();
    const api = await start([
      {
        method: 'POST',
        path: '/v1/blood-pressure',
        functionName: 'ingest',
        handler,
        authorizer: {
          functionName: 'authorize',
          handler: async (event: APIGatewayRequestAuthorizerEventV2) => {
            authorizerEvents.push(event);
            return event.identitySource[0] === 'Bearer good'
              ? { isAuthorized: true, context: { memberId: 'm-1', deviceId: 'd-1' } }
              : { isAuthorized: false };
          },
        },
      },
    ]);
    const post = (headers: Record<string, string>) =>
      fetch(`${api.url}/v1/blood-pressure`, { method: 'POST', headers, body: '{}' });

    const missing = await post({ 'content-type': 'application/json' });
    expect([missing.status, await missing.json()]).toEqual([401, { message: 'Unauthorized' }]);
    expect(authorizerEvents).toHaveLength(0);

    const denied = await post({ authorization: 'Bearer bad', 'content-type': 'application/json' });
    expect([denied.status, await denied.json()]).toEqual([403, { message: 'Forbidden' }]);
    expect(authorizerEvents[0]).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      identitySource: ['Bearer bad'],
      routeKey: 'POST /v1/blood-pressure',
      rawPath: '/v1/blood-pressure',
    });
    expect(events).toHaveLength(0);

    const allowed = await post({ authorization: 'Bearer good', 'content-type': 'application/json' });
    expect(allowed.status).toBe(202);
    expect(events[0]?.requestContext).toMatchObject({
      authorizer: { lambda: { memberId: 'm-1', deviceId: 'd-1' } },
    });
  });

  it('answers 413 above the 10 MB payload limit without calling the handler', async () => {
    const { events, handler } = recordingHandler();
    const api = await start([{ method: 'POST', path: '/upload', functionName: 'upload', handler }]);

    const tooLarge = await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    const atLimit = await fetch(`${api.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024),
    });

    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    expect(atLimit.status).toBe(202);
    expect(events).toHaveLength(1);
  });
});
