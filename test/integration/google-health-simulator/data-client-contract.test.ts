import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { DATA_POINT_SCHEMAS } from '../../../shared/domain/google-health/data-point-schemas.js';
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
