import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { endianness, networkInterfaces } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type HttpApiAdapter, startHttpApiAdapter } from '../../../local/http-api-adapter.js';
import { type SqsEmulator, startSqsEmulator } from '../../../local/sqs-emulator.js';
import {
  canReadListeningSockets,
  decodeProcAddress,
  listeningAddresses,
} from '../support/listening-sockets.js';

const nonLoopbackAddresses = Object.values(networkInterfaces())
  .flat()
  // Link-local IPv6 addresses need a scope id to connect to; every other address of the machine counts.
  .filter((info) => info !== undefined && !info.internal && !info.address.startsWith('fe80:'))
  .map((info) => info?.address ?? '');

/** An IPv4 address of this machine that is not loopback, if it has one. */
const externalAddress = nonLoopbackAddresses.find((address) => !address.includes(':'));

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

  // The integration run's own DynamoDB Local (global-setup.ts), started as `npm start` starts it.
  const dynamoDbPort = Number(new URL(inject('localEndpoints').dynamoDb).port);

  it.skipIf(nonLoopbackAddresses.length === 0)(
    'DynamoDB Local answers on 127.0.0.1 and refuses connections on every other address of this machine',
    async () => {
      expect(await connects('127.0.0.1', dynamoDbPort)).toBe(true);
      for (const address of nonLoopbackAddresses) {
        expect({ address, connects: await connects(address, dynamoDbPort) }).toEqual({
          address,
          connects: false,
        });
      }
    },
  );

  it.skipIf(!canReadListeningSockets())(
    'the kernel lists DynamoDB Local listening on 127.0.0.1 alone',
    () => {
      const addresses = listeningAddresses(dynamoDbPort);
      expect(addresses.length).toBeGreaterThan(0);
      expect(new Set(addresses)).toEqual(new Set(['127.0.0.1']));
    },
  );

  it.skipIf(endianness() !== 'LE')("reads the kernel's address format (little-endian words)", () => {
    expect(decodeProcAddress('0100007F')).toBe('127.0.0.1');
    expect(decodeProcAddress('0000000000000000FFFF00000100007F')).toBe('127.0.0.1');
    expect(decodeProcAddress('00000000')).toBe('0.0.0.0');
    expect(decodeProcAddress('00000000000000000000000000000000')).toBe('0:0:0:0:0:0:0:0');
    expect(decodeProcAddress('00000000000000000000000001000000')).toBe('0:0:0:0:0:0:0:1');
  });
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
