import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import { SeededRandom } from './seeded-random.js';

/**
 * The public keyset, in Tink's JSON keyset format as Google publishes it at
 * gstatic.com/googlehealthapi/webhooks/webhooks_public_keyset.json:
 *
 * { "primaryKeyId": 1234567890,
 *   "key": [{ "keyId": 1234567890, "status": "ENABLED", "outputPrefixType": "TINK",
 *             "keyData": { "typeUrl": "type.googleapis.com/google.crypto.tink.EcdsaPublicKey",
 *                          "keyMaterialType": "ASYMMETRIC_PUBLIC",
 *                          "value": base64(EcdsaPublicKey proto: params{hash SHA256, curve NIST_P256,
 *                                   encoding DER}, x, y as big-endian unsigned with a 0x00 pad when the
 *                                   top bit is set, as Tink's Java BigInteger encoding does) },
 *             "publicKeyPem": SPKI PEM of the same key (simulator-only convenience, not in Google's file) }] }
 *
 * A signature header is base64(0x01 || keyId as 4 bytes big-endian || DER ECDSA-P256-SHA256 over the raw body).
 */
export interface PublicKeyset {
  primaryKeyId: number;
  key: Array<{
    keyId: number;
    status: 'ENABLED';
    outputPrefixType: 'TINK';
    keyData: { typeUrl: string; keyMaterialType: 'ASYMMETRIC_PUBLIC'; value: string };
    publicKeyPem: string;
  }>;
}

interface KeyEntry {
  keyId: number;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const TINK_PREFIX = 0x01;

const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return bytes;
};

const lengthDelimited = (fieldNumber: number, payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([(fieldNumber << 3) | 2, ...varint(payload.length)]), payload]);

/** Big-endian two's-complement minimal encoding, as Java's BigInteger.toByteArray gives Tink. */
const bigIntegerBytes = (unsigned: Buffer): Buffer => {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start += 1;
  const trimmed = unsigned.subarray(start);
  return (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
};

const ecdsaPublicKeyProto = (publicKey: KeyObject): Buffer => {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  // EcdsaParams { hash_type: SHA256 (3), curve: NIST_P256 (2), encoding: DER (2) }
  const params = Buffer.from([0x08, 0x03, 0x10, 0x02, 0x18, 0x02]);
  return Buffer.concat([
    lengthDelimited(2, params),
    lengthDelimited(3, bigIntegerBytes(x)),
    lengthDelimited(4, bigIntegerBytes(y)),
  ]);
};

/** A P-256 key pair derived from a label, so the same seed always publishes the same keyset. */
const derivedKeyPair = (label: string): { privateKey: KeyObject; publicKey: KeyObject } => {
  for (let attempt = 0; ; attempt += 1) {
    const scalar = createHash('sha256').update(`${label}|${attempt}`).digest();
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(scalar);
    } catch {
      continue; // outside [1, n-1]; astronomically rare
    }
    const point = ecdh.getPublicKey();
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    };
    return {
      privateKey: createPrivateKey({ key: { ...jwk, d: scalar.toString('base64url') }, format: 'jwk' }),
      publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
    };
  }
};

/** A local P-256 signing keyset standing in for Google's webhook signing keys. */
export class WebhookKeyset {
  private readonly keys: KeyEntry[] = [];
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = SeededRandom.fromKey(seed, 'webhook-keys');
    this.rotate();
  }

  /** Adds a new primary key; older keys stay ENABLED so in-flight signatures still verify. */
  rotate(): number {
    const keyId = 1 + Math.floor(this.random.next() * 0x7ffffffe);
    const { privateKey, publicKey } = derivedKeyPair(`${keyId}|${this.keys.length}|${this.random.next()}`);
    this.keys.push({ keyId, privateKey, publicKey });
    return keyId;
  }

  private primary(): KeyEntry {
    const entry = this.keys.at(-1);
    if (entry === undefined) throw new Error('Keyset is empty');
    return entry;
  }

  /** base64(0x01 || keyId || DER signature) over the exact bytes sent. */
  sign(body: Buffer): string {
    const { keyId, privateKey } = this.primary();
    const prefix = Buffer.alloc(5);
    prefix.writeUInt8(TINK_PREFIX, 0);
    prefix.writeUInt32BE(keyId, 1);
    const signature = sign('sha256', body, { key: privateKey, dsaEncoding: 'der' });
    return Buffer.concat([prefix, signature]).toString('base64');
  }

  publicKeyset(): PublicKeyset {
    return {
      primaryKeyId: this.primary().keyId,
      key: this.keys.map(({ keyId, publicKey }) => ({
        keyId,
        status: 'ENABLED',
        outputPrefixType: 'TINK',
        keyData: {
          typeUrl: 'type.googleapis.com/google.crypto.tink.EcdsaPublicKey',
          keyMaterialType: 'ASYMMETRIC_PUBLIC',
          value: ecdsaPublicKeyProto(publicKey).toString('base64'),
        },
        publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      })),
    };
  }
}
