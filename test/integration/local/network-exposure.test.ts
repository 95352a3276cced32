import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { type SqsEmulator, startSqsEmulator } from '../../../local/sqs-emulator.js';

/** An address of this machine that is not loopback, if it has one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;

const connects = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

let api: HttpApiAdapter;
let sqs: SqsEmulator;

beforeAll(async () => {
  api = await startHttpApiAdapter({
    routes: [
      {
        method: 'POST',
        path: '/echo',
        functionName: 'echo',
        handler: async (event) => ({ statusCode: 200, body: event.body ?? '' }),
      },
    ],
    log: () => undefined,
  });
  sqs = await startSqsEmulator();
});

afterAll(async () => {
  await api?.stop();
  await sqs?.stop();
});

describe('local stack network exposure', () => {
  it.skipIf(externalAddress === undefined)(
    'the queue emulator and the API listen on 127.0.0.1 only',
    async () => {
      expect(await connects('127.0.0.1', sqs.port)).toBe(true);
      expect(await connects(externalAddress ?? '', sqs.port)).toBe(false);
      expect(await connects('127.0.0.1', api.port)).toBe(true);
      expect(await connects(externalAddress ?? '', api.port)).toBe(false);
    },
  );
});

describe('local HTTP API keep-alive (test matrix row 16)', () => {
  /** POSTs on a keep-alive agent; returns the status, the Keep-Alive header and the client socket port. */
  const post = (agent: Agent, body: string) =>
    new Promise<{ status: number; keepAlive: string | undefined; localPort: number | undefined }>(
      (resolve, reject) => {
        const req = request(
          `${api.url}/echo`,
          { method: 'POST', agent, headers: { 'content-type': 'text/plain' } },
          (response) => {
            response.resume();
            response.once('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                keepAlive: String(response.headers['keep-alive']),
                localPort: req.socket?.localPort,
              }),
            );
          },
        );
        req.once('error', reject);
        req.end(body);
      },
    );

  it('keeps an idle connection open past Node’s 5 s default, so a client reusing it is never cut off', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await post(agent, 'one');
      expect(first.status).toBe(200);
      expect(first.keepAlive).toBe('timeout=65');
      await sleep(6_000);
      const second = await post(agent, 'two');
      expect(second.status).toBe(200);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  });
});
