import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookKeyset } from '../../../../local/google-health-simulator/webhook-keyset.js';
import {
  authorizationMatches,
  signatureHeader,
  verifyWebhookSignature,
} from '../../../../shared/adapters/google-health/webhook-signature.js';
import {
  parseWebhookKeyset,
  remoteKeysetSource,
  staticKeysetSource,
  WebhookKeysetInvalidError,
} from '../../../../shared/adapters/google-health/webhook-signature-keyset.js';
import { encodeWebhookKeyset } from '../../../fixtures/google-health/webhook-keyset.js';

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

const signWith = (privateKey: KeyObject, keyId: number, body: Buffer): string => {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(0x01, 0);
  prefix.writeUInt32BE(keyId, 1);
  return Buffer.concat([prefix, sign('sha256', body, { key: privateKey, dsaEncoding: 'der' })]).toString(
    'base64',
  );
};

const body = Buffer.from(
  '{"data":{"version":"1","healthUserId":"abc-123","operation":"UPSERT","dataType":"steps"}}',
);

describe('verifyWebhookSignature', () => {
  const { privateKey, publicKey } = keyPair();
  const keyset = staticKeysetSource(encodeWebhookKeyset([{ keyId: 0x8badf00d, publicKey }]));

  it('accepts a signature over the exact raw bytes', async () => {
    expect(await verifyWebhookSignature(body, signWith(privateKey, 0x8badf00d, body), keyset)).toBe(true);
  });

  it('rejects a changed body, another key, an unknown key id, a missing or malformed header', async () => {
    const signature = signWith(privateKey, 0x8badf00d, body);
    expect(await verifyWebhookSignature(Buffer.from(`${body.toString()} `), signature, keyset)).toBe(false);
    expect(await verifyWebhookSignature(body, signWith(keyPair().privateKey, 0x8badf00d, body), keyset)).toBe(
      false,
    );
    expect(await verifyWebhookSignature(body, signWith(privateKey, 7, body), keyset)).toBe(false);
    expect(await verifyWebhookSignature(body, undefined, keyset)).toBe(false);
    expect(await verifyWebhookSignature(body, 'AQ==', keyset)).toBe(false);
    const withoutPrefix = Buffer.from(signature, 'base64');
    withoutPrefix[0] = 0x00;
    expect(await verifyWebhookSignature(body, withoutPrefix.toString('base64'), keyset)).toBe(false);
  });

  it("verifies deliveries signed by the simulator's keyset, including after it rotates", async () => {
    const simulator = new WebhookKeyset(42);
    const before = simulator.sign(body);
    simulator.rotate();
    const simulatorKeys = staticKeysetSource(JSON.stringify(simulator.publicKeyset()));

    expect(await verifyWebhookSignature(body, simulator.sign(body), simulatorKeys)).toBe(true);
    expect(await verifyWebhookSignature(body, before, simulatorKeys)).toBe(true);
  });

  it('refetches a remote keyset once when a key id is unknown (rotation)', async () => {
    const first = keyPair();
    const second = keyPair();
    const published = [encodeWebhookKeyset([{ keyId: 1, publicKey: first.publicKey }])];
    let fetches = 0;
    let nowMs = 0;
    const remote = remoteKeysetSource({
      now: () => nowMs,
      fetch: async () => {
        fetches += 1;
        return new Response(published[published.length - 1]);
      },
    });

    expect(await verifyWebhookSignature(body, signWith(first.privateKey, 1, body), remote)).toBe(true);
    expect(await verifyWebhookSignature(body, signWith(first.privateKey, 1, body), remote)).toBe(true);
    expect(fetches).toBe(1);
    published.push(encodeWebhookKeyset([{ keyId: 2, publicKey: second.publicKey }]));
    nowMs += 120_000;
    expect(await verifyWebhookSignature(body, signWith(second.privateKey, 2, body), remote)).toBe(true);
    expect(fetches).toBe(2);
  });

  it('refuses a keyset that is not a Tink JSON keyset', () => {
    expect(() => parseWebhookKeyset('{"keys":[]}')).toThrow(WebhookKeysetInvalidError);
  });
});

describe('signatureHeader and authorizationMatches', () => {
  it.each(['x-healthapi-signature', 'google-health-api-signature'])('reads the signature from %s', (name) => {
    expect(signatureHeader({ [name]: 'c2ln' })).toBe('c2ln');
  });

  it('compares the Authorization secret exactly', () => {
    expect(authorizationMatches('Bearer s3cret', 'Bearer s3cret')).toBe(true);
    expect(authorizationMatches('Bearer s3cre', 'Bearer s3cret')).toBe(false);
    expect(authorizationMatches('', 'Bearer s3cret')).toBe(false);
  });
});
