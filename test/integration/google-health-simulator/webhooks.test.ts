import { createPublicKey, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  type PublicKeyset,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';

const SECRET = 'Bearer webhook-secret-for-tests';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A webhook endpoint that checks the Authorization secret as the real function must. */
const startEndpoint = async (options: { checksSecret: boolean }) => {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      const authorised = !options.checksSecret || request.headers.authorization === SECRET;
      response.writeHead(authorised ? (options.checksSecret ? 201 : 200) : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/v1/webhooks/google-health`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const createSubscriber = (simulator: GoogleHealthSimulator, id: string, endpointUri: string) =>
  fetch(`${simulator.urls.api}/v4/projects/123456789012/subscribers?subscriberId=${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      endpointUri,
      subscriberConfigs: [{ dataTypes: ['steps', 'sleep'], subscriptionCreatePolicy: 'AUTOMATIC' }],
      endpointAuthorization: { secret: SECRET },
    }),
  });

/** Reads the Tink EcdsaPublicKey proto (params, x, y) without the PEM convenience field. */
const publicKeyFromTinkValue = (value: string) => {
  const bytes = Buffer.from(value, 'base64');
  const fields = new Map<number, Buffer>();
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset] ?? 0;
    const length = bytes[offset + 1] ?? 0;
    fields.set(tag >> 3, bytes.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  const coordinate = (field: number) => {
    const raw = fields.get(field) ?? Buffer.alloc(0);
    const unsigned = raw.length > 32 ? raw.subarray(raw.length - 32) : raw;
    return Buffer.concat([Buffer.alloc(32 - unsigned.length), unsigned]).toString('base64url');
  };
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: coordinate(3), y: coordinate(4) },
    format: 'jwk',
  });
};

const verifySignature = (keyset: PublicKeyset, body: Buffer, header: string) => {
  const signature = Buffer.from(header, 'base64');
  const keyId = signature.readUInt32BE(1);
  const key = keyset.key.find((candidate) => candidate.keyId === keyId);
  if (signature[0] !== 0x01 || key === undefined) return false;
  return verify('sha256', body, publicKeyFromTinkValue(key.keyData.value), signature.subarray(5));
};

let simulator: GoogleHealthSimulator;
let endpoint: Awaited<ReturnType<typeof startEndpoint>>;

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({
    port: 0,
    seed: 9,
    clock: () => new Date('2026-11-20T12:00:00Z'),
  });
  endpoint = await startEndpoint({ checksSecret: true });
});

afterAll(async () => {
  await simulator.stop();
  await endpoint.close();
});

describe('subscriber verification', () => {
  it('probes with and without the secret and activates an endpoint that answers 201 then 401', async () => {
    const response = await createSubscriber(simulator, 'pulse-relay', endpoint.uri);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      done: true,
      response: { name: 'projects/123456789012/subscribers/pulse-relay', state: 'ACTIVE' },
    });
    expect(endpoint.received.map((probe) => [probe.headers.authorization, probe.body.toString()])).toEqual([
      [SECRET, '{"type":"verification"}'],
      [undefined, '{"type":"verification"}'],
    ]);
  });

  it('refuses an endpoint that accepts requests without the secret', async () => {
    const careless = await startEndpoint({ checksSecret: false });
    try {
      const response = await createSubscriber(simulator, 'careless', careless.uri);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { status: 'FAILED_PRECONDITION', details: [{ reason: 'ENDPOINT_VERIFICATION_FAILED' }] },
      });
      expect(simulator.subscribers().map((subscriber) => subscriber.name)).not.toContain(
        'projects/123456789012/subscribers/careless',
      );
    } finally {
      await careless.close();
    }
  });
});

describe('signed deliveries', () => {
  it('delivers the notification with the secret and a P-256 signature that verifies against the keyset', async () => {
    endpoint.received.length = 0;
    const user = simulator.user('default');
    const interval = { startTime: '2026-11-20T11:00:00Z', endTime: '2026-11-20T12:00:00Z' };

    const results = await simulator.notify('default', { dataType: 'steps', intervals: [interval] });

    const delivery = endpoint.received[0];
    expect(results).toEqual([expect.objectContaining({ status: 201 })]);
    expect(delivery?.headers.authorization).toBe(SECRET);
    expect(JSON.parse(delivery?.body.toString() ?? '')).toEqual({
      data: {
        version: '1',
        healthUserId: user.healthUserId,
        operation: 'UPSERT',
        dataType: 'steps',
        intervals: [{ physicalTimeInterval: interval }],
      },
    });
    const keyset = (await (await fetch(simulator.urls.keyset)).json()) as PublicKeyset;
    const header = String(delivery?.headers['x-healthapi-signature']);
    expect(verifySignature(keyset, delivery?.body ?? Buffer.alloc(0), header)).toBe(true);
    expect(verifySignature(keyset, Buffer.from(`${delivery?.body.toString()} `), header)).toBe(false);
    const pemKey = createPublicKey(keyset.key[0]?.publicKeyPem ?? '');
    expect(
      verify('sha256', delivery?.body ?? Buffer.alloc(0), pemKey, Buffer.from(header, 'base64').subarray(5)),
    ).toBe(true);
  });

  it('can use the alternative header name, a rotated key, and a corrupted signature', async () => {
    endpoint.received.length = 0;
    const newKeyId = simulator.rotateWebhookKey();
    const notification = { dataType: 'sleep' as const, intervals: [] };

    await simulator.notify('default', notification, { signatureHeader: 'GOOGLE-HEALTH-API-SIGNATURE' });
    await simulator.notify('default', notification, { corruptSignature: true });

    const keyset = simulator.publicKeyset();
    const [alternative, corrupted] = endpoint.received;
    const alternativeHeader = String(alternative?.headers['google-health-api-signature']);
    expect(keyset.primaryKeyId).toBe(newKeyId);
    expect(keyset.key).toHaveLength(2);
    expect(Buffer.from(alternativeHeader, 'base64').readUInt32BE(1)).toBe(newKeyId);
    expect(verifySignature(keyset, alternative?.body ?? Buffer.alloc(0), alternativeHeader)).toBe(true);
    expect(
      verifySignature(
        keyset,
        corrupted?.body ?? Buffer.alloc(0),
        String(corrupted?.headers['x-healthapi-signature']),
      ),
    ).toBe(false);
  });
});

describe('production-shaped deliveries', () => {
  it('sends several notifications as one signed array, without version, with a subscription name and civil times', async () => {
    endpoint.received.length = 0;
    const user = simulator.user('default');
    const interval = { startTime: '2026-11-20T11:00:00Z', endTime: '2026-11-20T12:00:00Z' };

    await simulator.notify(
      'default',
      [
        { dataType: 'steps', intervals: [interval] },
        { dataType: 'sleep', operation: 'DELETE', intervals: [interval] },
      ],
      { withoutVersion: true, subscriptionName: 'pulse-relay', withCivilTime: true },
    );

    const body = JSON.parse(endpoint.received[0]?.body.toString() ?? 'null');
    expect(body).toHaveLength(2);
    expect(body[1]).toEqual({
      clientProvidedSubscriptionName: 'pulse-relay',
      data: {
        healthUserId: user.healthUserId,
        operation: 'DELETE',
        dataType: 'sleep',
        intervals: [
          {
            physicalTimeInterval: interval,
            civilTimeInterval: {
              start: {
                date: { year: 2026, month: 11, day: 20 },
                time: { hours: 11, minutes: 0, seconds: 0, nanos: 0 },
              },
              end: {
                date: { year: 2026, month: 11, day: 20 },
                time: { hours: 12, minutes: 0, seconds: 0, nanos: 0 },
              },
            },
          },
        ],
      },
    });
  });

  it('refuses a subscriber for data types without webhooks, or under a project id instead of its number', async () => {
    const post = (project: string, dataTypes: string[]) =>
      fetch(`${simulator.urls.api}/v4/projects/${project}/subscribers?subscriberId=other`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          endpointUri: endpoint.uri,
          subscriberConfigs: [{ dataTypes, subscriptionCreatePolicy: 'AUTOMATIC' }],
          endpointAuthorization: { secret: SECRET },
        }),
      });
    expect((await post('123456789012', ['heart-rate'])).status).toBe(400);
    expect((await post('my-project-id', ['steps'])).status).toBe(400);
  });

  it('returns a long-running operation that can be read back', async () => {
    const created = (await (await createSubscriber(simulator, 'with-operation', endpoint.uri)).json()) as {
      name: string;
      done: boolean;
    };
    const polled = await fetch(`${simulator.urls.api}/v4/${created.name}`);
    expect(await polled.json()).toMatchObject({
      done: true,
      response: { name: 'projects/123456789012/subscribers/with-operation', state: 'ACTIVE' },
    });
  });
});

describe('keyset', () => {
  it('is the same for the same seed, so a local stack can trust it before the simulator starts', async () => {
    const first = await startGoogleHealthSimulator({ port: 0, seed: 77 });
    const second = await startGoogleHealthSimulator({ port: 0, seed: 77 });
    try {
      expect(second.publicKeyset()).toEqual(first.publicKeyset());
      expect(first.publicKeyset().key[0]?.keyData.value).not.toBe(
        simulator.publicKeyset().key[0]?.keyData.value,
      );
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
