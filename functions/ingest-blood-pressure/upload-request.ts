import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { IngestRequest, UploadFormat } from '../../shared/domain/blood-pressure/ingest-readings.js';
import * as z from '../../shared/domain/zod-mini.js';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../../shared/runtime/http/http-errors.js';

/** 500 readings of ~120 bytes fit in 64 KB; the cap leaves room for FHIR's verbosity (OWASP API4). */
export const MAX_BODY_BYTES = 256 * 1024;

const MEDIA_TYPES: Readonly<Record<string, UploadFormat>> = {
  'application/json': 'json',
  'application/fhir+json': 'fhir',
};
const ACCEPTED_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/** Set by the authorize-device authoriser; the only source of the member and device (OWASP API1/API3). */
const authorizerContextSchema = z.object({
  authorizer: z.object({
    lambda: z.object({
      memberId: z.string().check(z.minLength(1)),
      deviceId: z.string().check(z.minLength(1)),
    }),
  }),
});

const formatOf = (contentType: string | undefined): UploadFormat => {
  const [mediaType = '', ...parameters] = (contentType ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const format = MEDIA_TYPES[mediaType];
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  if (format === undefined || (charset !== undefined && charset !== 'charset=utf-8')) {
    throw new UnsupportedMediaTypeError(contentType, ACCEPTED_MEDIA_TYPES);
  }
  return format;
};

const bodyTextOf = (event: APIGatewayProxyEventV2): string => {
  const raw = event.body ?? '';
  // Check the cheap estimate before decoding, so an oversized body is never copied.
  const estimatedBytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : raw.length;
  if (estimatedBytes > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  if (bytes.length === 0) throw new BadRequestError('The body is empty; send {"readings": [...]}');
  return bytes.toString('utf8');
};

/** Reads who is uploading and what, refusing with the matching 4xx before any work is done. */
export const readUploadRequest = (event: APIGatewayProxyEventV2): IngestRequest => {
  const identity = authorizerContextSchema.safeParse(event.requestContext);
  if (!identity.success) throw new UnauthorizedError();
  const format = formatOf(event.headers['content-type']);
  const text = bodyTextOf(event);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError('The body is not valid JSON');
  }
  return { ...identity.data.authorizer.lambda, format, body };
};
