import { describe, expect, it } from 'vitest';
import { InvalidUploadError } from '../../../../shared/domain/blood-pressure/item-outcome.js';
import { validateAndNormaliseJsonReadings } from '../../../../shared/domain/blood-pressure/json-upload.js';
import { LONDON_CONTEXT } from './normalise-context.js';

const reading = (overrides: Record<string, unknown> = {}) => ({
  systolic: 132,
  diastolic: 84,
  pulse: 71,
  measuredAt: '2026-11-22T08:15:00+00:00',
  ...overrides,
});

const normaliseOne = (item: unknown) => {
  const [outcome] = validateAndNormaliseJsonReadings({ readings: [item] }, LONDON_CONTEXT);
  return outcome;
};

const reasonOf = (item: unknown): string | undefined => {
  const outcome = normaliseOne(item);
  return outcome?.ok === false ? outcome.reason : undefined;
};

describe('validateAndNormaliseJsonReadings', () => {
  it('normalises a JSON reading to UTC with its offset and a computed MAP', () => {
    expect(normaliseOne(reading({ measuredAt: '2026-07-15T08:00:00+01:00' }))).toEqual({
      ok: true,
      reading: {
        metric: 'blood-pressure',
        memberId: 'm-test',
        measuredAt: '2026-07-15T07:00:00.000Z',
        utcOffsetMinutes: 60,
        systolic: 132,
        diastolic: 84,
        pulse: 71,
        meanArterialPressure: 100, // 84 + (132 - 84) / 3
        provenance: { source: 'json', deviceId: 'd-test', recordingMethod: 'device-measured' },
      },
    });
  });

  it('converts kPa and keeps the original values as provenance', () => {
    expect(normaliseOne(reading({ systolic: 17.5, diastolic: 11.2, unit: 'kPa' }))).toMatchObject({
      ok: true,
      reading: {
        systolic: 131.3, // 17.5 x 7.50062 = 131.26085
        diastolic: 84, // 11.2 x 7.50062 = 84.006944
        meanArterialPressure: 99.8, // 84 + 47.3 / 3 = 99.7666
        provenance: { original: { value: { systolic: 17.5, diastolic: 11.2 }, unit: 'kPa' } },
      },
    });
  });

  it('returns one outcome per item, in order, refusing only the bad ones', () => {
    const outcomes = validateAndNormaliseJsonReadings(
      {
        readings: [
          reading(),
          'text',
          reading({ systolic: 400 }),
          reading({ measuredAt: '2026-11-22T09:00:00Z' }),
        ],
      },
      LONDON_CONTEXT,
    );
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, reason: 'each reading must be an object' });
  });

  it.each([
    [
      'systolic equal to diastolic',
      reading({ systolic: 90, diastolic: 90 }),
      'systolic must be greater than diastolic',
    ],
    [
      'systolic below diastolic',
      reading({ systolic: 80, diastolic: 120 }),
      'systolic must be greater than diastolic',
    ],
    ['systolic 0', reading({ systolic: 0 }), 'systolic 0 mmHg is outside the plausible range 50 to 300'],
    [
      'systolic 400',
      reading({ systolic: 400 }),
      'systolic 400 mmHg is outside the plausible range 50 to 300',
    ],
    ['diastolic 0', reading({ diastolic: 0 }), 'diastolic 0 mmHg is outside the plausible range 20 to 200'],
    [
      '30 February',
      reading({ measuredAt: '2026-02-30T08:00:00Z' }),
      'measuredAt: is not a real date and time',
    ],
  ])('refuses %s', (_name, item, reason) => {
    expect(reasonOf(item)).toBe(reason);
  });

  it('accepts a reading 4 minutes ahead of the clock (device clocks drift)', () => {
    expect(normaliseOne(reading({ measuredAt: '2026-11-23T09:04:00Z' }))?.ok).toBe(true);
  });

  it.each([
    ['a date without a time', reading({ measuredAt: '2026-11-22' }), /^measuredAt: must be an RFC 3339/],
    ['no measuredAt', reading({ measuredAt: undefined }), /^measuredAt: /],
    ['a string systolic', reading({ systolic: '120' }), /^systolic: Invalid input: expected number/],
    ['an unknown field', reading({ memberId: 'm-other' }), /Unrecognized key: "memberId"/],
    ['an unknown unit', reading({ unit: 'cmH2O' }), /^unit: /],
  ])('refuses %s with the field named', (_name, item, reason) => {
    expect(reasonOf(item)).toMatch(reason);
  });

  it.each([
    ['not an object', []],
    ['no readings', {}],
    ['an empty list', { readings: [] }],
    ['501 readings', { readings: Array.from({ length: 501 }, () => reading()) }],
    ['an unknown top-level field', { readings: [reading()], memberId: 'm-other' }],
  ])('throws InvalidUploadError for %s', (_name, body) => {
    expect(() => validateAndNormaliseJsonReadings(body, LONDON_CONTEXT)).toThrow(InvalidUploadError);
  });

  it('says how many readings are allowed', () => {
    const body = { readings: Array.from({ length: 501 }, () => reading()) };
    expect(() => validateAndNormaliseJsonReadings(body, LONDON_CONTEXT)).toThrow(
      expect.objectContaining({ issues: ['readings: at most 500 readings per request; split the upload'] }),
    );
  });
});
