import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIngestRoute } from '../../../../functions/ingest-blood-pressure/ingest-route.js';
import { createLambdaContext } from '../../../../local/lambda-context.js';
import type { Clock } from '../../../../shared/domain/clock.js';
import { httpHandler } from '../../../../shared/runtime/http/http-handler.js';
import { createLogger } from '../../../../shared/runtime/logger.js';
import { InMemoryMemberDirectory } from '../../../fakes/member-directory.js';
import { InMemoryReadingStore } from '../../../fakes/reading-store.js';
import fixture from '../../../fixtures/ingest-blood-pressure/post-json.json' with { type: 'json' };

/** Deterministic PRNG (mulberry32) so a failure names a reproducible case. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const valid = { systolic: 130, diastolic: 85, pulse: 70, measuredAt: '2026-11-22T08:00:00+00:00' };
const junk: unknown[] = [
  null,
  true,
  -1,
  0,
  400,
  1e308,
  -0.5,
  '',
  '120',
  'NaN',
  [],
  {},
  [120],
  { value: 120 },
];

/**
 * Ways to break one reading; every result must be refused. An odd pulse number and a plausible value at an
 * impossible time are not among them: those are stored and flagged (see the next test).
 */
const breakReading = (next: () => number): unknown => {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const field = pick(['systolic', 'diastolic', 'pulse', 'measuredAt', 'unit'] as const);
  const notANumber = junk.filter((value) => typeof value !== 'number');
  switch (
    pick(['wrong-value', 'missing', 'unknown-field', 'inverted', 'bad-time', 'not-object', 'bluetooth'])
  ) {
    case 'wrong-value':
      return {
        ...valid,
        [field]:
          field === 'measuredAt' || field === 'unit'
            ? pick([...junk, 1])
            : field === 'pulse'
              ? pick(notANumber)
              : pick(junk),
      };
    case 'missing': {
      const { [pick(['systolic', 'diastolic', 'measuredAt'] as const)]: _dropped, ...rest } = valid;
      return rest;
    }
    case 'unknown-field':
      return { ...valid, [pick(['memberId', 'alertState', '__proto__x', 'Systolic'])]: pick(junk) };
    case 'inverted':
      return { ...valid, systolic: 80, diastolic: pick([80, 81, 120]) };
    case 'bad-time':
      return {
        ...valid,
        measuredAt: pick([
          '2026-11-22',
          '22/11/2026 08:00',
          '2026-02-30T08:00:00Z',
          '2026-11-22T08:00:00+24:00',
          `${Math.floor(next() * 1e12)}`,
        ]),
      };
    case 'not-object':
      return pick(
        junk.filter((value) => typeof value !== 'object' || Array.isArray(value) || value === null),
      );
    default:
      return {
        bluetooth: pick([
          'AA==',
          'not base64',
          Buffer.from(
            Array.from({ length: Math.floor(next() * 25) }, () => Math.floor(next() * 256)),
          ).toString('base64'),
        ]),
      };
  }
};

/** Whole requests that are wrong before any item is looked at. */
const breakRequest = (next: () => number): Partial<APIGatewayProxyEventV2> => {
  const good = JSON.stringify({ readings: [valid] });
  const variants: Array<Partial<APIGatewayProxyEventV2>> = [
    { body: good.slice(0, Math.floor(next() * good.length)) },
    { body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256))).toString('latin1') },
    { body: JSON.stringify({ readings: Array.from({ length: 501 }, () => valid) }) },
    { body: JSON.stringify({ readings: [valid], memberId: 'm-other' }) },
    { body: JSON.stringify([valid]) },
    { body: 'null' },
    { body: `{"readings":[${'['.repeat(5000)}` },
    { body: ' '.repeat(300_000) },
    { headers: { ...fixture.headers, 'content-type': 'text/csv' } },
    { headers: { ...fixture.headers, 'content-type': 'application/xml' } },
  ];
  return variants[Math.floor(next() * variants.length)] ?? {};
};

describe('ingest route under fuzzed uploads (test matrix row 1)', () => {
  const store = new InMemoryReadingStore();
  const clock: Clock = { now: () => new Date('2026-11-23T09:00:00Z') };
  const handler = httpHandler(
    createIngestRoute(
      {
        directory: new InMemoryMemberDirectory({
          memberId: 'm-7hq2c4vbn8ze',
          name: 'Test Member',
          timezone: 'Europe/London',
          createdAt: '2026-01-01T00:00:00.000Z',
        }),
        store,
        clock,
      },
      createLogger('ingest-fuzz'),
    ),
    createLogger('ingest-fuzz'),
  );

  beforeAll(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('answers 300 malformed uploads with a 4xx and a message, storing nothing', async () => {
    const next = random(20_261_123);
    const statuses = new Set<number>();
    for (let attempt = 0; attempt < 300; attempt++) {
      const changes =
        next() < 0.7
          ? {
              body: JSON.stringify({
                readings: Array.from({ length: 1 + Math.floor(next() * 4) }, () => breakReading(next)),
              }),
            }
          : breakRequest(next);
      const event = { ...(structuredClone(fixture) as APIGatewayProxyEventV2), ...changes };
      const result = (await handler(
        event,
        createLambdaContext('ingest-blood-pressure'),
      )) as APIGatewayProxyStructuredResultV2;
      const body = JSON.parse(result.body ?? '{}');
      expect([400, 413, 415, 422], `attempt ${attempt}: ${event.body?.slice(0, 200)}`).toContain(
        result.statusCode,
      );
      expect(typeof body.error?.message).toBe('string');
      statuses.add(result.statusCode ?? 0);
    }
    expect(store.items.size).toBe(0);
    expect([...statuses].sort()).toEqual([400, 413, 415, 422]);
  });

  it('stores a plausible blood pressure beside an odd pulse or at an impossible time, flagged, never refused', async () => {
    const odd = [
      { ...valid, pulse: 1e308 },
      { ...valid, pulse: -1, measuredAt: '2026-11-22T08:01:00+00:00' },
      { ...valid, measuredAt: '2099-01-01T00:00:00Z' },
      { ...valid, measuredAt: '1970-01-01T00:00:00Z' },
    ];
    const event = {
      ...(structuredClone(fixture) as APIGatewayProxyEventV2),
      body: JSON.stringify({ readings: odd }),
    };
    const result = (await handler(
      event,
      createLambdaContext('ingest-blood-pressure'),
    )) as APIGatewayProxyStructuredResultV2;
    const body = JSON.parse(result.body ?? '{}');
    expect(result.statusCode).toBe(200);
    expect(body.summary).toEqual({ stored: 4, duplicate: 0, rejected: 0 });
    expect(body.results.map((item: { qualityFlags?: string[] }) => item.qualityFlags)).toEqual([
      ['pulse-dropped'],
      ['pulse-dropped'],
      ['clock-suspect'],
      ['clock-suspect'],
    ]);
  });
});
