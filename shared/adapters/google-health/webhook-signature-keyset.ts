import { createPublicKey, type KeyObject } from 'node:crypto';
import * as z from '../../domain/zod-mini.js';

/**
 * Google publishes the webhook verification keys as a Tink public keyset (JSON), rotated about every
 * 30 days. The local simulator publishes the same format, so one parser serves both:
 *
 *   {"primaryKeyId": 1, "key": [{"keyData": {"typeUrl": "type.googleapis.com/google.crypto.tink.EcdsaPublicKey",
 *     "value": "<base64 EcdsaPublicKey proto>", "keyMaterialType": "ASYMMETRIC_PUBLIC"},
 *     "status": "ENABLED", "keyId": 1, "outputPrefixType": "TINK"}]}
 *
 * EcdsaPublicKey proto: 1 version, 2 params {1 hash_type (SHA256 = 3), 2 curve (NIST_P256 = 2),
 * 3 encoding (DER = 2)}, 3 x, 4 y (big-endian, possibly with a leading zero byte).
 */
export const GOOGLE_WEBHOOK_KEYSET_URL =
  'https://www.gstatic.com/googlehealthapi/webhooks/webhooks_public_keyset.json';
const ECDSA_PUBLIC_KEY_TYPE_URL = 'type.googleapis.com/google.crypto.tink.EcdsaPublicKey';

const tinkKeysetSchema = z.object({
  primaryKeyId: z.optional(z.int()),
  key: z.array(
    z.object({
      keyData: z.object({ typeUrl: z.string(), value: z.string(), keyMaterialType: z.optional(z.string()) }),
      status: z.string(),
      keyId: z.int(),
      outputPrefixType: z.string(),
    }),
  ),
});

export class WebhookKeysetInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookKeysetInvalidError';
  }
}

interface ProtoField {
  field: number;
  varint?: number;
  bytes?: Buffer;
}

const readVarint = (buffer: Buffer, start: number): [number, number] => {
  let value = 0;
  let shift = 0;
  let offset = start;
  for (;;) {
    const byte = buffer[offset];
    if (byte === undefined || shift > 28) throw new WebhookKeysetInvalidError('Truncated key proto');
    value |= (byte & 0x7f) << shift;
    offset += 1;
    if ((byte & 0x80) === 0) return [value >>> 0, offset];
    shift += 7;
  }
};

const readProto = (buffer: Buffer): ProtoField[] => {
  const fields: ProtoField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (wireType === 0) {
      const [varint, next] = readVarint(buffer, afterTag);
      fields.push({ field, varint });
      offset = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterTag);
      if (start + length > buffer.length) throw new WebhookKeysetInvalidError('Truncated key proto');
      fields.push({ field, bytes: buffer.subarray(start, start + length) });
      offset = start + length;
    } else {
      throw new WebhookKeysetInvalidError(`Unexpected wire type ${wireType} in key proto`);
    }
  }
  return fields;
};

const to32Bytes = (bytes: Buffer): Buffer => {
  const trimmed = bytes.length > 32 ? bytes.subarray(bytes.length - 32) : bytes;
  return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
};

const ecdsaKeyFromProto = (value: Buffer): KeyObject => {
  const fields = readProto(value);
  const params = readProto(fields.find((field) => field.field === 2)?.bytes ?? Buffer.alloc(0));
  const hashType = params.find((field) => field.field === 1)?.varint;
  const curve = params.find((field) => field.field === 2)?.varint;
  const encoding = params.find((field) => field.field === 3)?.varint;
  if (hashType !== 3 || curve !== 2 || encoding !== 2) {
    throw new WebhookKeysetInvalidError('Only ECDSA P-256 with SHA-256 and DER signatures is supported');
  }
  const x = fields.find((field) => field.field === 3)?.bytes;
  const y = fields.find((field) => field.field === 4)?.bytes;
  if (x === undefined || y === undefined) throw new WebhookKeysetInvalidError('Key proto has no point');
  return createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: to32Bytes(x).toString('base64url'),
      y: to32Bytes(y).toString('base64url'),
    },
    format: 'jwk',
  });
};

/** Enabled TINK-prefixed ECDSA keys of a keyset, by key id. */
export const parseWebhookKeyset = (json: string): Map<number, KeyObject> => {
  let parsed: z.infer<typeof tinkKeysetSchema>;
  try {
    parsed = tinkKeysetSchema.parse(JSON.parse(json));
  } catch {
    throw new WebhookKeysetInvalidError('The webhook keyset is not a Tink JSON public keyset');
  }
  const keys = new Map<number, KeyObject>();
  for (const key of parsed.key) {
    if (key.status !== 'ENABLED' || key.outputPrefixType !== 'TINK') continue;
    if (key.keyData.typeUrl !== ECDSA_PUBLIC_KEY_TYPE_URL) continue;
    keys.set(key.keyId >>> 0, ecdsaKeyFromProto(Buffer.from(key.keyData.value, 'base64')));
  }
  return keys;
};

/** Where the verification keys come from. */
export interface WebhookKeysetSource {
  /** Current keys; refresh asks for a fresh copy (an unknown key id may mean Google rotated). */
  keys(options?: { refresh?: boolean }): Promise<Map<number, KeyObject>>;
}

/** A fixed keyset: GOOGLE_HEALTH_WEBHOOK_PUBLIC_KEYSET (the local simulator's, or a pinned copy). */
export const staticKeysetSource = (json: string): WebhookKeysetSource => {
  const keys = parseWebhookKeyset(json);
  return { keys: async () => keys };
};

/**
 * In AWS: Google's published keyset, fetched over HTTPS and cached in the container for an hour. An
 * unknown key id forces one refetch (at most once a minute) so a rotation is picked up at once.
 */
export const remoteKeysetSource = (options: {
  url?: string;
  fetch?: typeof fetch;
  now?: () => number;
  ttlMs?: number;
}): WebhookKeysetSource => {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 3_600_000;
  let cached: { keys: Map<number, KeyObject>; fetchedAt: number } | undefined;
  return {
    async keys(request) {
      const age = cached === undefined ? Number.POSITIVE_INFINITY : now() - cached.fetchedAt;
      if (cached !== undefined && age < ttlMs && !(request?.refresh === true && age > 60_000))
        return cached.keys;
      const response = await fetchFn(options.url ?? GOOGLE_WEBHOOK_KEYSET_URL, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new WebhookKeysetInvalidError(`Keyset fetch answered ${response.status}`);
      cached = { keys: parseWebhookKeyset(await response.text()), fetchedAt: now() };
      return cached.keys;
    },
  };
};
