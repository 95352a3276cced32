import { describe, expect, it } from 'vitest';
import { validateAndNormaliseFhir } from '../../../../shared/domain/blood-pressure/fhir-observation.js';
import { InvalidUploadError } from '../../../../shared/domain/blood-pressure/item-outcome.js';
import { LONDON_CONTEXT } from './normalise-context.js';

const loinc = (code: string) => ({ coding: [{ system: 'http://loinc.org', code }] });
const quantity = (value: number, code = 'mm[Hg]') => ({
  value,
  unit: code === 'mm[Hg]' ? 'mmHg' : code,
  system: 'http://unitsofmeasure.org',
  code,
});

const observation = (overrides: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id: 'obs-1',
  status: 'final',
  category: [
    {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
    },
  ],
  code: loinc('85354-9'),
  subject: { reference: 'Patient/ignored' },
  effectiveDateTime: '2026-07-15T08:00:00+01:00',
  component: [
    { code: loinc('8480-6'), valueQuantity: quantity(138) },
    { code: loinc('8462-4'), valueQuantity: quantity(86) },
  ],
  ...overrides,
});

describe('validateAndNormaliseFhir', () => {
  it('normalises a single blood-pressure Observation', () => {
    expect(validateAndNormaliseFhir(observation(), LONDON_CONTEXT)).toEqual([
      {
        ok: true,
        reading: {
          metric: 'blood-pressure',
          memberId: 'm-test',
          measuredAt: '2026-07-15T07:00:00.000Z',
          utcOffsetMinutes: 60,
          systolic: 138,
          diastolic: 86,
          meanArterialPressure: 103.3, // 86 + 52 / 3
          provenance: {
            source: 'fhir',
            deviceId: 'd-test',
            recordingMethod: 'device-measured',
            sourceRecordId: 'obs-1',
          },
        },
      },
    ]);
  });

  it('reads a pulse component, a MAP component and kPa quantities', () => {
    const [outcome] = validateAndNormaliseFhir(
      observation({
        component: [
          { code: loinc('8480-6'), valueQuantity: quantity(18, 'kPa') },
          { code: loinc('8462-4'), valueQuantity: quantity(12, 'kPa') },
          { code: loinc('8478-0'), valueQuantity: quantity(14, 'kPa') },
          { code: loinc('8867-4'), valueQuantity: { value: 64, unit: 'beats/minute', code: '/min' } },
        ],
      }),
      LONDON_CONTEXT,
    );
    expect(outcome).toMatchObject({
      ok: true,
      reading: {
        systolic: 135, // 18 x 7.50062 = 135.01116
        diastolic: 90, // 12 x 7.50062 = 90.00744
        meanArterialPressure: 105, // 14 x 7.50062 = 105.00868
        pulse: 64,
        provenance: { original: { value: { systolic: 18, diastolic: 12 }, unit: 'kPa' } },
      },
    });
  });

  it('gives one outcome per Bundle entry, refusing only the wrong ones', () => {
    const outcomes = validateAndNormaliseFhir(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          { resource: observation() },
          { resource: observation({ id: 'obs-2', code: loinc('8867-4') }) },
          {
            resource: observation({
              id: 'obs-3',
              component: [{ code: loinc('8480-6'), valueQuantity: quantity(120) }],
            }),
          },
          { resource: observation({ id: 'obs-4', effectiveDateTime: '2026-07-15' }) },
          { resource: { resourceType: 'Patient', id: 'p' } },
          { resource: observation({ id: 'obs-6', status: 'entered-in-error' }) },
          {
            resource: observation({
              id: 'obs-7',
              component: [
                { code: loinc('8480-6'), valueQuantity: quantity(120, 'cm[H2O]') },
                { code: loinc('8462-4'), valueQuantity: quantity(80) },
              ],
            }),
          },
        ],
      },
      LONDON_CONTEXT,
    );
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.reason))).toEqual([
      'ok',
      'code: must be LOINC 85354-9 (blood pressure panel)',
      'component: needs both systolic (8480-6) and diastolic (8462-4) with a valueQuantity',
      'effectiveDateTime: must be a date-time with a time and an offset, e.g. 2026-11-20T07:31:00+00:00',
      'resourceType: must be Observation, not Patient',
      'status: an observation that is entered-in-error is not a measurement',
      'component: pressures must be in mmHg or kPa (UCUM mm[Hg] or kPa)',
    ]);
  });

  it.each([
    ['a Patient', { resourceType: 'Patient' }],
    ['an empty Bundle', { resourceType: 'Bundle', entry: [] }],
    ['a Bundle without entries', { resourceType: 'Bundle' }],
    ['a list', [observation()]],
  ])('throws InvalidUploadError for %s', (_name, body) => {
    expect(() => validateAndNormaliseFhir(body, LONDON_CONTEXT)).toThrow(InvalidUploadError);
  });
});
