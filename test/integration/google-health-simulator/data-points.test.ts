import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GoogleHealthSimulator,
  startGoogleHealthSimulator,
} from '../../../local/google-health-simulator/simulator.js';
import { apiGet, linkUser } from './oauth-flow.js';

const NOW = new Date('2026-11-20T12:00:00Z');
let simulator: GoogleHealthSimulator;
let token: string;

interface Page {
  dataPoints: Array<Record<string, Record<string, unknown>>>;
  nextPageToken?: string;
}

const list = async (path: string, accessToken = token) => {
  const { status, body } = await apiGet(simulator, accessToken, path);
  return { status, page: body as unknown as Page, body };
};

const physicalTimes = (page: Page) =>
  page.dataPoints.map(
    (point) => (point.heartRate?.sampleTime as { physicalTime: string } | undefined)?.physicalTime,
  );

beforeAll(async () => {
  simulator = await startGoogleHealthSimulator({ port: 0, seed: 42, clock: () => NOW });
  simulator.createUser({ userKey: 'member-a', dataStartDate: '2026-11-17' });
  token = (await linkUser(simulator, 'member-a')).access_token;
});

afterAll(async () => {
  await simulator.stop();
});

describe('paging', () => {
  it('returns every point exactly once, newest first, across many pages', async () => {
    const all = await list('users/me/dataTypes/heart-rate/dataPoints?pageSize=10000');
    const seen: Array<string | undefined> = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({
        pageSize: '100',
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      const { status, page } = await list(`users/me/dataTypes/heart-rate/dataPoints?${query}`);
      expect(status).toBe(200);
      seen.push(...physicalTimes(page));
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== undefined && pageToken !== '');

    const expected = physicalTimes(all.page);
    // 17 Nov 00:00 to 20 Nov 12:00 London (GMT) at one sample every 5 minutes, inclusive of 12:00.
    expect(expected).toHaveLength(3.5 * 288 + 1);
    expect(all.page.nextPageToken).toBeUndefined();
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('defaults to 1440 points a page and caps sleep pages at 25', async () => {
    simulator.createUser({ userKey: 'member-month' });
    const monthToken = (await linkUser(simulator, 'member-month')).access_token;

    const heartRate = await list('users/me/dataTypes/heart-rate/dataPoints', monthToken);
    const sleep = await list('users/me/dataTypes/sleep/dataPoints?pageSize=500', monthToken);

    expect(heartRate.page.dataPoints).toHaveLength(1440);
    expect(heartRate.page.nextPageToken).toEqual(expect.any(String));
    expect(sleep.page.dataPoints).toHaveLength(25);
    expect(sleep.page.nextPageToken).toEqual(expect.any(String));
  });

  it('rejects a page token that is garbage or from another query', async () => {
    const first = await list('users/me/dataTypes/heart-rate/dataPoints?pageSize=5');
    const garbage = await list('users/me/dataTypes/heart-rate/dataPoints?pageToken=not-a-token');
    const foreign = await list(
      `users/me/dataTypes/steps/dataPoints?pageToken=${encodeURIComponent(first.page.nextPageToken ?? '')}`,
    );

    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    expect(foreign.status).toBe(400);
  });
});

describe('encoding', () => {
  it('writes 64-bit integers as JSON strings and carries the data source and time containers', async () => {
    const heartRate = await list('users/me/dataTypes/heart-rate/dataPoints?pageSize=1');
    const steps = await list('users/me/dataTypes/steps/dataPoints?pageSize=1');
    const resting = await list('users/me/dataTypes/daily-resting-heart-rate/dataPoints?pageSize=1');
    const sleep = await list('users/me/dataTypes/sleep/dataPoints?pageSize=1');

    const sample = heartRate.page.dataPoints[0];
    expect(sample?.heartRate).toMatchObject({
      beatsPerMinute: expect.stringMatching(/^\d+$/),
      sampleTime: {
        physicalTime: '2026-11-20T12:00:00.000Z',
        utcOffset: '0s',
        civilTime: {
          date: { year: 2026, month: 11, day: 20 },
          time: { hours: 12, minutes: 0, seconds: 0, nanos: 0 },
        },
      },
    });
    expect(sample?.dataSource).toMatchObject({
      platform: expect.any(String),
      recordingMethod: 'PASSIVELY_MEASURED',
      device: {
        displayName: expect.any(String),
        formFactor: expect.any(String),
        manufacturer: expect.any(String),
      },
      application: expect.any(Object),
    });
    expect(steps.page.dataPoints[0]?.steps).toMatchObject({
      count: expect.stringMatching(/^\d+$/),
      interval: { startTime: expect.any(String), endTime: expect.any(String), startUtcOffset: '0s' },
    });
    expect(resting.page.dataPoints[0]?.dailyRestingHeartRate).toMatchObject({
      date: { year: 2026, month: 11, day: 20 },
      beatsPerMinute: expect.stringMatching(/^\d+$/),
    });
    expect(sleep.page.dataPoints[0]?.sleep).toMatchObject({
      type: 'STAGES',
      summary: {
        minutesAsleep: expect.stringMatching(/^\d+$/),
        minutesInSleepPeriod: expect.stringMatching(/^\d+$/),
      },
      metadata: { processed: true, mainSleep: true },
    });
    // Proto3 JSON leaves false bools out.
    expect(sleep.page.dataPoints[0]?.sleep?.metadata).not.toHaveProperty('nap');
  });

  it('uses the British Summer Time offset for summer data', async () => {
    simulator.createUser({ userKey: 'member-summer' });
    const summerToken = (await linkUser(simulator, 'member-summer')).access_token;
    simulator.appendData('member-summer', [
      { dataType: 'heart-rate', time: '2026-07-01T11:00:00Z', beatsPerMinute: 70 },
    ]);

    const { page } = await list(
      'users/me/dataTypes/heart-rate/dataPoints?filter=heart_rate.sample_time.physical_time%20%3C%20%222026-08-01T00%3A00%3A00Z%22',
      summerToken,
    );

    expect(page.dataPoints).toHaveLength(1);
    expect(page.dataPoints[0]?.heartRate?.sampleTime).toMatchObject({
      utcOffset: '3600s',
      civilTime: { time: { hours: 12 } },
    });
  });

  it('generates the same data for the same seed', async () => {
    const other = await startGoogleHealthSimulator({ port: 0, seed: 42, clock: () => NOW });
    try {
      other.createUser({ userKey: 'member-a', dataStartDate: '2026-11-17' });
      const otherToken = (await linkUser(other, 'member-a')).access_token;
      const ours = await list('users/me/dataTypes/steps/dataPoints?pageSize=300');
      const theirs = await apiGet(other, otherToken, 'users/me/dataTypes/steps/dataPoints?pageSize=300');

      expect(theirs.body.dataPoints).toEqual(ours.page.dataPoints);
    } finally {
      await other.stop();
    }
  });
});

describe('filters', () => {
  it('applies >= and < joined by AND', async () => {
    const filter = encodeURIComponent(
      'heart_rate.sample_time.physical_time >= "2026-11-19T10:00:00Z" AND heart_rate.sample_time.physical_time < "2026-11-19T11:00:00Z"',
    );

    const { status, page } = await list(`users/me/dataTypes/heart-rate/dataPoints?filter=${filter}`);

    expect(status).toBe(200);
    expect(physicalTimes(page)).toHaveLength(12);
    expect(physicalTimes(page)[0]).toBe('2026-11-19T10:55:00.000Z');
    expect(physicalTimes(page).at(-1)).toBe('2026-11-19T10:00:00.000Z');
  });

  it('filters daily types on the civil date and sleep on its end time', async () => {
    const daily = await list(
      `users/me/dataTypes/daily-resting-heart-rate/dataPoints?filter=${encodeURIComponent('daily_resting_heart_rate.date < "2026-11-19"')}`,
    );
    const sleep = await list(
      `users/me/dataTypes/sleep/dataPoints?filter=${encodeURIComponent('sleep.interval.end_time >= "2026-11-20T00:00:00Z"')}`,
    );

    expect(daily.page.dataPoints.map((point) => point.dailyRestingHeartRate?.date)).toEqual([
      { year: 2026, month: 11, day: 18 },
      { year: 2026, month: 11, day: 17 },
    ]);
    expect(sleep.page.dataPoints).toHaveLength(1);
  });

  it.each([
    ['an unknown field', 'heart_rate.start_time >= "2026-11-19T00:00:00Z"', 'heart-rate'],
    [
      'an unsupported operator',
      'heart_rate.sample_time.physical_time > "2026-11-19T00:00:00Z"',
      'heart-rate',
    ],
    ['a bad timestamp', 'heart_rate.sample_time.physical_time >= "yesterday"', 'heart-rate'],
    [
      'OR',
      'steps.interval.start_time >= "2026-11-19T00:00:00Z" OR steps.interval.start_time < "2026-11-18T00:00:00Z"',
      'steps',
    ],
    ['sleep by start time', 'sleep.interval.start_time >= "2026-11-19T00:00:00Z"', 'sleep'],
  ])('rejects %s with a 400 google.rpc.Status', async (_name, filter, dataType) => {
    const { status, body } = await list(
      `users/me/dataTypes/${dataType}/dataPoints?filter=${encodeURIComponent(filter)}`,
    );

    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        code: 400,
        message: expect.any(String),
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'INVALID_FILTER_FORMAT',
            domain: 'health.googleapis.com',
          },
        ],
      },
    });
  });

  it('answers 404 for an unknown data type', async () => {
    const { status, body } = await list('users/me/dataTypes/blood-pressure/dataPoints');

    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});

describe('controls', () => {
  it('injects a low SpO2 day that replaces the generated summary', async () => {
    simulator.appendData('member-a', [
      { dataType: 'daily-oxygen-saturation', date: '2026-11-19', averagePercentage: 86.5 },
    ]);

    const { page } = await list(
      `users/me/dataTypes/daily-oxygen-saturation/dataPoints?filter=${encodeURIComponent('daily_oxygen_saturation.date >= "2026-11-19" AND daily_oxygen_saturation.date < "2026-11-20"')}`,
    );

    expect(page.dataPoints).toHaveLength(1);
    expect(page.dataPoints[0]?.dailyOxygenSaturation).toMatchObject({ averagePercentage: 86.5 });
  });

  it('shows no device data after the watch stopped syncing', async () => {
    simulator.createUser({ userKey: 'member-silent', dataStartDate: '2026-11-18' });
    const silentToken = (await linkUser(simulator, 'member-silent')).access_token;
    simulator.stopDeviceSync('member-silent', '2026-11-19T09:00:00Z');

    const { page } = await list('users/me/dataTypes/heart-rate/dataPoints?pageSize=1', silentToken);

    expect(physicalTimes(page)).toEqual(['2026-11-19T09:00:00.000Z']);
  });

  it('reconcile with google-wearables leaves out manual entries that all-sources keeps', async () => {
    simulator.setUserData('member-a', 'weight', [
      { dataType: 'weight', time: '2026-11-19T07:30:00Z', weightGrams: 81234.5, recordingMethod: 'MANUAL' },
      {
        dataType: 'weight',
        time: '2026-11-18T07:30:00Z',
        weightGrams: 81500,
        recordingMethod: 'ACTIVELY_MEASURED',
      },
    ]);
    const family = (name: string) =>
      `dataSourceFamily=${encodeURIComponent(`users/me/dataSourceFamilies/${name}`)}`;

    const all = await list(`users/me/dataTypes/weight/dataPoints:reconcile?${family('all-sources')}`);
    const wearables = await list(
      `users/me/dataTypes/weight/dataPoints:reconcile?${family('google-wearables')}`,
    );
    const unknown = await list(`users/me/dataTypes/weight/dataPoints:reconcile?${family('nonsense')}`);

    expect(all.page.dataPoints.map((point) => point.weight?.weightGrams)).toEqual([81234.5, 81500]);
    expect(wearables.page.dataPoints.map((point) => point.weight?.weightGrams)).toEqual([81500]);
    expect(unknown.status).toBe(400);
  });

  it('reconcile returns ReconciledDataPoint: the value and dataPointName only, never dataSource or name', async () => {
    const heartRate = await list('users/me/dataTypes/heart-rate/dataPoints:reconcile?pageSize=2');
    const sleep = await list('users/me/dataTypes/sleep/dataPoints:reconcile?pageSize=1');
    const listed = await list('users/me/dataTypes/sleep/dataPoints?pageSize=1');

    for (const point of [...heartRate.page.dataPoints, ...sleep.page.dataPoints]) {
      expect(point).not.toHaveProperty('dataSource');
      expect(point).not.toHaveProperty('name');
    }
    expect(Object.keys(heartRate.page.dataPoints[0] ?? {})).toEqual(['heartRate']);
    expect(sleep.page.dataPoints[0]?.dataPointName).toBe(listed.page.dataPoints[0]?.name);
  });

  it('serves a sleep session without `processed`, stages or summary while Google is computing it', async () => {
    simulator.setUserData('member-a', 'sleep', [
      {
        dataType: 'sleep',
        start: '2026-11-19T23:00:00Z',
        end: '2026-11-20T06:00:00Z',
        availableAt: '2026-11-20T11:50:00Z',
        processingMinutes: 30,
        stages: [{ type: 'LIGHT', start: '2026-11-19T23:00:00Z', end: '2026-11-20T06:00:00Z' }],
      },
    ]);
    const computing = await list('users/me/dataTypes/sleep/dataPoints:reconcile');
    expect(computing.page.dataPoints[0]?.sleep).toEqual({
      interval: expect.any(Object),
      type: 'STAGES',
      metadata: {},
    });

    simulator.setClock('2026-11-20T12:30:00Z');
    try {
      const processed = await list('users/me/dataTypes/sleep/dataPoints:reconcile');
      expect(processed.page.dataPoints[0]?.sleep).toMatchObject({
        metadata: { processed: true },
        stages: [expect.any(Object)],
      });
    } finally {
      simulator.setClock(() => new Date('2026-11-20T12:00:00Z'));
    }
  });

  it('serves HRV samples without RMSSD, as the proto marks it OPTIONAL', async () => {
    simulator.setUserData('member-a', 'heart-rate-variability', [
      { dataType: 'heart-rate-variability', time: '2026-11-20T03:00:00Z', standardDeviationMilliseconds: 50 },
    ]);
    const page = await list('users/me/dataTypes/heart-rate-variability/dataPoints:reconcile');
    expect(page.page.dataPoints[0]?.heartRateVariability).toEqual({
      sampleTime: expect.any(Object),
      standardDeviationMilliseconds: 50,
    });
  });
});
