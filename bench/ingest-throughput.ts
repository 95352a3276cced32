import { validateAndNormaliseJsonReadings } from '../shared/domain/blood-pressure/json-upload.js';

export interface IngestFigures {
  readingsPerSecond: number;
  jsonParseReadingsPerSecond: number;
}

const READINGS_PER_PAYLOAD = 500;

/** A realistic upload: 500 JSON-form readings with offsets, as a phone gateway sends them. */
const payloadText = (): string => {
  const start = Date.parse('2026-11-01T07:00:00Z');
  const readings = Array.from({ length: READINGS_PER_PAYLOAD }, (_, index) => ({
    systolic: 120 + (index % 40),
    diastolic: 70 + (index % 25),
    pulse: 60 + (index % 30),
    unit: 'mmHg',
    measuredAt: new Date(start + index * 3_600_000).toISOString().replace('.000Z', '+00:00'),
  }));
  return JSON.stringify({ readings });
};

/** Runs `work` repeatedly for about `durationMs` and returns readings handled per second. */
const readingsPerSecondOnce = (work: () => unknown, durationMs: number): number => {
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(durationMs) * 1_000_000n) {
    work();
    runs += 1;
    elapsedNs = process.hrtime.bigint() - started;
  }
  return Math.round((runs * READINGS_PER_PAYLOAD) / (Number(elapsedNs) / 1e9));
};

const WINDOWS = 5;

/**
 * The median of several windows: one window swung by a fifth between runs here (a collection or a
 * recompilation landing in it), the median of five far less.
 */
const readingsPerSecond = (work: () => unknown, durationMs: number): number => {
  for (let warmup = 0; warmup < 200; warmup += 1) work();
  const windows = Array.from({ length: WINDOWS }, () => readingsPerSecondOnce(work, durationMs / WINDOWS));
  return windows.sort((a, b) => a - b)[Math.floor(WINDOWS / 2)] ?? 0;
};

/**
 * Validate + normalise throughput on one core, next to plain JSON.parse of the same payload in the
 * same run. The parsed body is reused so the first figure is validation and normalisation alone.
 */
export const measureIngestThroughput = (durationMs = 5000): IngestFigures => {
  const text = payloadText();
  const body: unknown = JSON.parse(text);
  const context = {
    memberId: 'm-bench',
    timezone: 'Europe/London',
    deviceId: 'd-bench',
    nowMs: Date.parse('2026-11-23T00:00:00Z'),
  };
  const outcomes = validateAndNormaliseJsonReadings(body, context);
  if (outcomes.some((outcome) => !outcome.ok)) throw new Error('The benchmark payload must be valid');
  return {
    readingsPerSecond: readingsPerSecond(() => validateAndNormaliseJsonReadings(body, context), durationMs),
    jsonParseReadingsPerSecond: readingsPerSecond(() => JSON.parse(text), durationMs),
  };
};
