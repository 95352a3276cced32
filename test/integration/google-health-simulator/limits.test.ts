import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { apiGet, linkUser } from './oauth-flow.js';

let now = new Date('2026-11-20T12:00:00Z');
let simulator: GoogleHealthSimulator;

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 3, clock: () => now });
});

afterAll(async () => {
  await simulator.stop();
});

describe('per-user rate limit', () => {
  it('answers the 301st request in a rolling minute with 429 RESOURCE_EXHAUSTED and Retry-After', async () => {
    simulator.createUser({ userKey: 'member-busy', dataStartDate: '2026-11-20' });
    simulator.createUser({ userKey: 'member-quiet', dataStartDate: '2026-11-20' });
    const busy = (await linkUser(simulator, 'member-busy')).access_token;
    const quiet = (await linkUser(simulator, 'member-quiet')).access_token;
    const statuses: number[] = [];
    for (let index = 0; index < 300; index += 1) {
      statuses.push((await apiGet(simulator, busy, 'users/me/identity')).status);
    }

    const limited = await apiGet(simulator, busy, 'users/me/dataTypes/steps/dataPoints');
    const otherUser = await apiGet(simulator, quiet, 'users/me/identity');
    now = new Date(now.getTime() + 60_001);
    const nextMinute = await apiGet(simulator, busy, 'users/me/identity');

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    expect(otherUser.status).toBe(200);
    expect(nextMinute.status).toBe(200);
    expect(simulator.requestLog().byUser['member-busy']).toBe(302);
  });
});

describe('injected faults', () => {
  it('fails exactly the next N data calls with the chosen status, then recovers', async () => {
    simulator.createUser({ userKey: 'member-storm', dataStartDate: '2026-11-20' });
    const token = (await linkUser(simulator, 'member-storm')).access_token;
    simulator.injectFaults({ status: 503, count: 2 });

    const first = await apiGet(simulator, token, 'users/me/dataTypes/steps/dataPoints');
    const second = await apiGet(simulator, token, 'users/me/dataTypes/steps/dataPoints');
    const third = await apiGet(simulator, token, 'users/me/dataTypes/steps/dataPoints');

    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.body).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
  });
});

describe('legacy Fitbit Web API', () => {
  it.each([
    ['GET', '/1/user/-/activities/heart/date/today/1d.json'],
    ['GET', '/1.2/user/-/sleep/date/2026-11-20.json'],
    ['GET', '/1.1/user/-/profile.json'],
    ['POST', '/oauth2/token'],
  ])('answers 410 Gone to %s %s', async (method, path) => {
    const response = await fetch(`${simulator.baseUrl}${path}`, { method });

    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ success: false, errors: [{ errorType: 'gone' }] });
  });
});
