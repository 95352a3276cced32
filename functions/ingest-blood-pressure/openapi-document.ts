import {
  bloodPressureObservationSchema,
  fhirBundleSchema,
} from '../../shared/domain/blood-pressure/fhir-observation.js';
import {
  bluetoothReadingSchema,
  jsonReadingSchema,
  MAX_READINGS_PER_UPLOAD,
  uploadRequestSchema,
} from '../../shared/domain/blood-pressure/upload-payload.js';
import * as z from '../../shared/domain/zod-mini.js';
import { MAX_BODY_BYTES } from './upload-request.js';
import {
  allRejectedSchema,
  errorBodySchema,
  itemResultSchema,
  uploadResultSchema,
} from './upload-response-schema.js';

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const componentSchemas = (): Record<string, unknown> => {
  const registry = z.registry<{ id: string }>();
  registry.add(jsonReadingSchema, { id: 'JsonReading' });
  registry.add(bluetoothReadingSchema, { id: 'BluetoothReading' });
  registry.add(uploadRequestSchema, { id: 'BloodPressureUpload' });
  registry.add(bloodPressureObservationSchema, { id: 'BloodPressureObservation' });
  registry.add(
    z.extend(fhirBundleSchema, {
      entry: z
        .array(z.object({ resource: bloodPressureObservationSchema }))
        .check(z.minLength(1), z.maxLength(MAX_READINGS_PER_UPLOAD)),
    }),
    { id: 'BloodPressureBundle' },
  );
  registry.add(itemResultSchema, { id: 'ItemResult' });
  registry.add(uploadResultSchema, { id: 'UploadResult' });
  registry.add(allRejectedSchema, { id: 'AllRejected' });
  registry.add(errorBodySchema, { id: 'Error' });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input' });
  // Components are embedded in the document: their own $schema and $id would only repeat it.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** The OpenAPI 3.1 description of the device upload API, built from the same zod schemas the code validates with. */
export const buildOpenApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'pulse-relay device upload API',
    version: '1.0.0',
    description:
      'Home blood-pressure monitors (or their phone gateways) upload readings here. Each device has its own bearer ' +
      'token, which decides the member: the body never names one. Generated from the zod schemas by ' +
      '`npm exec -- vitest run test/unit/functions/ingest-blood-pressure/openapi.test.ts -u`; do not edit by hand.',
  },
  paths: {
    '/v1/blood-pressure': {
      post: {
        operationId: 'uploadBloodPressure',
        summary: 'Upload blood-pressure readings',
        description:
          `Up to ${MAX_READINGS_PER_UPLOAD} readings and ${MAX_BODY_BYTES} bytes per request. Every item gets a ` +
          'result in request order. A reading is stored once per natural key (member, device or source record, ' +
          'measured-at); sending it again, in the same request or days later, answers `duplicate`. A refused ' +
          'item refuses only itself. Retrying a request after a 5xx is safe.',
        security: [{ deviceToken: [] }],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('BloodPressureUpload') },
            'application/fhir+json': {
              schema: { oneOf: [ref('BloodPressureObservation'), ref('BloodPressureBundle')] },
            },
          },
        },
        responses: {
          '200': {
            description: 'At least one item was stored or was already stored (duplicate); see results.',
            content: { 'application/json': { schema: ref('UploadResult') } },
          },
          '400': errorResponse('The body is not JSON, or not an upload envelope; nothing was stored.'),
          '401': errorResponse('No valid device token.'),
          '403': errorResponse('The token is valid but its member no longer exists, or it may not do this.'),
          '413': errorResponse(`The body is larger than ${MAX_BODY_BYTES} bytes.`),
          '415': errorResponse('Content-Type is not application/json or application/fhir+json (UTF-8).'),
          '422': {
            description: 'Every item was refused; each result says why. Nothing was stored.',
            content: { 'application/json': { schema: ref('AllRejected') } },
          },
          '500': errorResponse('Our fault; retry the same request later.'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      deviceToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: '<deviceId>.<secret> issued once by `pulse-relay device register`',
      },
    },
    schemas: componentSchemas(),
  },
});

const LINE_WIDTH = 110;
const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * JSON laid out the way the repository's formatter (Biome) lays it out: objects expanded, arrays of primitives on
 * one line when they fit. So the generated file passes `biome ci` as written.
 */
export const formatJsonDocument = (value: unknown): string => {
  const print = (node: unknown, indent: string, column: number): string => {
    if (isPrimitive(node)) return JSON.stringify(node);
    const inner = `${indent}  `;
    if (Array.isArray(node)) {
      if (node.length === 0) return '[]';
      if (node.every(isPrimitive)) {
        const inline = `[${node.map((item) => JSON.stringify(item)).join(', ')}]`;
        if (column + inline.length + 1 <= LINE_WIDTH) return inline;
      }
      const items = node.map((item) => `${inner}${print(item, inner, inner.length)}`);
      return `[\n${items.join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, item]) => {
      const prefix = `${inner}${JSON.stringify(key)}: `;
      return `${prefix}${print(item, inner, prefix.length)}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  };
  return `${print(value, '', 0)}\n`;
};
