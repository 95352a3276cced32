import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { DATA_POINT_SCHEMAS } from '../../../shared/adapters/google-health/data-point-schemas.js';
import {
  type DataPointBatch,
  normaliseDataPoints,
} from '../../../shared/adapters/google-health/normalise-data-points.js';
import {
  DATA_POINT_ENVELOPE,
  leafPaths,
  PROTO_VALUES,
  RECONCILED_ENVELOPE,
} from '../../fixtures/google-health/proto/proto-field-paths.js';
import { apiGet, linkUser } from './oauth-flow.js';

let simulator: GoogleHealthSimulator;
let token: string;

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({
    port: 0,
    seed: 5,
    clock: () => new Date('2026-11-20T12:00:00Z'),
  });
  simulator.createUser({ userKey: 'member-contract', dataStartDate: '2026-11-10' });
  token = (await linkUser(simulator, 'member-contract')).access_token;
});

afterAll(async () => {
  await simulator.stop();
});

// The simulator is only useful if what it serves is what the project's client accepts.
describe('the data client schemas accept what the simulator serves', () => {
  it.each(Object.keys(DATA_POINT_SCHEMAS) as Array<keyof typeof DATA_POINT_SCHEMAS>)(
    '%s',
    async (dataType) => {
      const { status, body } = await apiGet(
        simulator,
        token,
        `users/me/dataTypes/${dataType}/dataPoints:reconcile`,
      );

      const points = z.array(DATA_POINT_SCHEMAS[dataType]).safeParse(body.dataPoints);
      expect(status).toBe(200);
      expect((body.dataPoints as unknown[]).length).toBeGreaterThan(0);
      expect(points.error?.issues ?? []).toEqual([]);
    },
  );
});

const DATA_TYPES = Object.keys(DATA_POINT_SCHEMAS) as Array<keyof typeof DATA_POINT_SCHEMAS>;

const fixture = (dataType: string): Array<Record<string, unknown>> =>
  JSON.parse(
    readFileSync(
      new URL(`../../fixtures/google-health/proto/${dataType}.reconcile.json`, import.meta.url),
      'utf8',
    ),
  ).dataPoints;

/** Leaf paths a point may have for a method, per the protos. */
const allowedPaths = (dataType: string, method: 'list' | 'reconcile'): Set<string> => {
  const value = PROTO_VALUES[dataType];
  if (value === undefined) throw new Error(`no proto paths for ${dataType}`);
  return new Set([
    ...(method === 'list' ? DATA_POINT_ENVELOPE : RECONCILED_ENVELOPE),
    ...value.paths.map((path) => `${value.key}.${path}`),
  ]);
};

const missingRequired = (dataType: string, point: Record<string, unknown>): string[] => {
  const value = PROTO_VALUES[dataType];
  const present = new Set(leafPaths(point));
  return (value?.required ?? []).map((path) => `${value?.key}.${path}`).filter((path) => !present.has(path));
};

// One fixture per type, built from the proto definitions: every field, then only the REQUIRED ones.
describe('the proto-built fixtures', () => {
  it.each(DATA_TYPES)(
    '%s: uses only proto fields, has the required ones, and the client reads it',
    (dataType) => {
      const points = fixture(dataType);
      const allowed = allowedPaths(dataType, 'reconcile');
      for (const point of points) {
        expect(leafPaths(point).filter((path) => !allowed.has(path))).toEqual([]);
        expect(missingRequired(dataType, point)).toEqual([]);
      }
      const parsed = z.array(DATA_POINT_SCHEMAS[dataType]).safeParse(points);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(() =>
        normaliseDataPoints({ dataType, points: parsed.data } as DataPointBatch, {
          memberId: 'm-contract',
          timeZone: 'Europe/London',
        }),
      ).not.toThrow();
    },
  );
});

// The simulator must answer the way the protos say Google does, for both methods.
describe('the simulator serves only proto fields', () => {
  it.each(DATA_TYPES)(
    '%s: list returns DataPoint, reconcile returns ReconciledDataPoint',
    async (dataType) => {
      for (const method of ['list', 'reconcile'] as const) {
        const { status, body } = await apiGet(
          simulator,
          token,
          `users/me/dataTypes/${dataType}/dataPoints${method === 'reconcile' ? ':reconcile' : ''}?pageSize=50`,
        );
        expect(status).toBe(200);
        const points = body.dataPoints as Array<Record<string, unknown>>;
        expect(points.length).toBeGreaterThan(0);
        const allowed = allowedPaths(dataType, method);
        const extra = new Set(
          points.flatMap((point) => leafPaths(point).filter((path) => !allowed.has(path))),
        );
        expect([...extra]).toEqual([]);
        for (const point of points) expect(missingRequired(dataType, point)).toEqual([]);
        if (method === 'reconcile') {
          for (const point of points) {
            expect(point).not.toHaveProperty('dataSource');
            expect(point).not.toHaveProperty('name');
          }
        }
      }
    },
  );
});
