import { describe, expect, it } from 'vitest';
import { normaliseBluetoothReading } from '../../../../shared/domain/blood-pressure/bluetooth-reading.js';
import { validateAndNormaliseFhir } from '../../../../shared/domain/blood-pressure/fhir-observation.js';
import type { ItemOutcome } from '../../../../shared/domain/blood-pressure/item-outcome.js';
import { validateAndNormaliseJsonReadings } from '../../../../shared/domain/blood-pressure/json-upload.js';
import { LONDON_CONTEXT } from './normalise-context.js';

// "Now" in LONDON_CONTEXT is 2026-11-23 09:00 UTC (GMT).
const json = (item: Record<string, unknown>): ItemOutcome => {
  const [outcome] = validateAndNormaliseJsonReadings({ readings: [item] }, LONDON_CONTEXT);
  if (outcome === undefined) throw new Error('no outcome');
  return outcome;
};
const storedOf = (outcome: ItemOutcome) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.reading;
};

/** 0x2A35 bytes by hand: integer mmHg SFLOATs (exponent 0), little-endian. */
const sfloat = (value: number): number[] => [value & 0xff, (value >> 8) & 0x0f];
const INF = [0xfe, 0x07];
const NAN = [0xff, 0x07];
const timestamp = (year: number, month: number, day: number, hours: number, minutes: number) => [
  year & 0xff,
  year >> 8,
  month,
  day,
  hours,
  minutes,
  0,
];
const bluetooth = (...bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('a wrong monitor clock never refuses the blood pressure', () => {
  it('stores 192/108 from a monitor 1 hour fast at the time of receipt, flagged clock-suspect', () => {
    const reading = storedOf(
      json({ systolic: 192, diastolic: 108, measuredAt: '2026-11-23T10:00:00+00:00' }),
    );
    expect(reading).toMatchObject({
      measuredAt: '2026-11-23T09:00:00.000Z',
      utcOffsetMinutes: 0,
      systolic: 192,
      diastolic: 108,
      qualityFlags: ['clock-suspect'],
      clock: { deviceTime: '2026-11-23T10:00:00+00:00', timeSource: 'received' },
    });
  });

  it('reads a measuredAt without an offset as member-local time (BST in July), unflagged', () => {
    const reading = storedOf(json({ systolic: 190, diastolic: 100, measuredAt: '2026-07-15T08:00:00' }));
    expect(reading).toMatchObject({ measuredAt: '2026-07-15T07:00:00.000Z', utcOffsetMinutes: 60 });
    expect(reading.qualityFlags).toBeUndefined();
  });

  it('still refuses a zone-less date that does not exist, keeping the pressure for the refusal report', () => {
    expect(json({ systolic: 190, diastolic: 100, measuredAt: '2026-02-30T08:00:00' })).toEqual({
      ok: false,
      reason: 'measuredAt: is not a real date and time',
      pressure: { systolic: 190, diastolic: 100 },
    });
  });

  it('corrects a JSON reading by the clockCheck offset', () => {
    const reading = storedOf(
      json({
        systolic: 150,
        diastolic: 90,
        measuredAt: '2026-11-23T08:30:00+00:00',
        clockCheck: { deviceTime: '2026-11-23T09:59:00+00:00', gatewayTime: '2026-11-23T08:59:00Z' },
      }),
    );
    expect(reading.measuredAt).toBe('2026-11-23T07:30:00.000Z');
    expect(reading.clock).toEqual({
      deviceTime: '2026-11-23T08:30:00+00:00',
      timeSource: 'gateway-offset',
      offsetMinutes: 60,
    });
  });

  it('stores a Bluetooth reading stamped 2000 (clock reset by a battery change) at the time of receipt', () => {
    const reading = storedOf(
      normaliseBluetoothReading(
        {
          bluetooth: bluetooth(0x02, ...sfloat(185), ...sfloat(100), ...NAN, ...timestamp(2000, 1, 1, 0, 5)),
        },
        LONDON_CONTEXT,
      ),
    );
    expect(reading).toMatchObject({
      measuredAt: '2026-11-23T09:00:00.000Z',
      deviceLocalTime: '2000-01-01T00:05:00',
      qualityFlags: ['clock-suspect'],
      clock: { deviceTime: '2000-01-01T00:05:00', timeSource: 'received' },
    });
  });

  it('corrects a Bluetooth reading by a zone-less clockCheck read in the member zone', () => {
    const reading = storedOf(
      normaliseBluetoothReading(
        {
          bluetooth: bluetooth(0x02, ...sfloat(140), ...sfloat(90), ...NAN, ...timestamp(2000, 1, 1, 0, 5)),
          clockCheck: { deviceTime: '2000-01-01T00:10:00', gatewayTime: '2026-11-23T08:55:00Z' },
        },
        LONDON_CONTEXT,
      ),
    );
    expect(reading.measuredAt).toBe('2026-11-23T08:50:00.000Z');
    expect(reading.clock?.timeSource).toBe('gateway-offset');
  });

  it('stores a Bluetooth value with no usable time and no measuredAt at the time of receipt', () => {
    // Month 13 is not a real date: read as an unknown time stamp rather than refusing the value.
    const reading = storedOf(
      normaliseBluetoothReading(
        {
          bluetooth: bluetooth(0x02, ...sfloat(200), ...sfloat(110), ...NAN, ...timestamp(2026, 13, 1, 8, 0)),
        },
        LONDON_CONTEXT,
      ),
    );
    expect(reading.measuredAt).toBe('2026-11-23T09:00:00.000Z');
    expect(reading.qualityFlags).toEqual(['clock-suspect']);
  });

  it('stores a FHIR Observation dated in the future at the time of receipt', () => {
    const [outcome] = validateAndNormaliseFhir(
      {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        effectiveDateTime: '2026-11-23T10:00:00+00:00',
        component: [
          { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 181, code: 'mm[Hg]' } },
          { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 95, code: 'mm[Hg]' } },
        ],
      },
      LONDON_CONTEXT,
    );
    expect(outcome && storedOf(outcome)).toMatchObject({
      measuredAt: '2026-11-23T09:00:00.000Z',
      qualityFlags: ['clock-suspect'],
    });
  });
});

describe('odd values beside the blood pressure are dropped and flagged, the blood pressure kept', () => {
  it.each([
    [24, ['pulse-dropped']],
    [25, undefined],
    [250, undefined],
    [251, ['pulse-dropped']],
  ])('a JSON pulse of %s', (pulse, flags) => {
    const reading = storedOf(
      json({ systolic: 130, diastolic: 80, pulse, measuredAt: '2026-11-23T08:00:00Z' }),
    );
    expect(reading.systolic).toBe(130);
    expect(reading.qualityFlags).toEqual(flags);
    expect(reading.pulse).toBe(flags === undefined ? pulse : undefined);
  });

  it('drops an SFLOAT +INF pulse and keeps the reading', () => {
    const reading = storedOf(
      normaliseBluetoothReading(
        {
          bluetooth: bluetooth(0x04, ...sfloat(183), ...sfloat(121), ...NAN, ...INF),
          measuredAt: '2026-11-23T08:00:00Z',
        },
        LONDON_CONTEXT,
      ),
    );
    expect(reading).toMatchObject({ systolic: 183, diastolic: 121, qualityFlags: ['pulse-dropped'] });
    expect(reading.pulse).toBeUndefined();
  });

  it('drops an SFLOAT +INF or out-of-range mean arterial pressure and computes it instead', () => {
    for (const map of [INF, sfloat(301)]) {
      const reading = storedOf(
        normaliseBluetoothReading(
          {
            bluetooth: bluetooth(0x00, ...sfloat(150), ...sfloat(90), ...map),
            measuredAt: '2026-11-23T08:00:00Z',
          },
          LONDON_CONTEXT,
        ),
      );
      expect(reading.qualityFlags).toEqual(['mean-arterial-pressure-dropped']);
      expect(reading.meanArterialPressure).toBe(110); // 90 + 60 / 3
    }
  });

  it('keeps a NaN mean arterial pressure unflagged: many monitors do not measure it', () => {
    const reading = storedOf(
      normaliseBluetoothReading(
        {
          bluetooth: bluetooth(0x00, ...sfloat(150), ...sfloat(90), ...NAN),
          measuredAt: '2026-11-23T08:00:00Z',
        },
        LONDON_CONTEXT,
      ),
    );
    expect(reading.qualityFlags).toBeUndefined();
  });

  it('drops a FHIR pulse or mean arterial pressure in a unit it cannot read', () => {
    const [outcome] = validateAndNormaliseFhir(
      {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        effectiveDateTime: '2026-11-23T08:00:00+00:00',
        component: [
          { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 150, unit: 'mm Hg' } },
          { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 90, unit: 'mm Hg' } },
          { code: { coding: [{ code: '8478-0' }] }, valueQuantity: { value: 110, unit: 'cmH2O' } },
          { code: { coding: [{ code: '8867-4' }] }, valueQuantity: { value: 70, unit: 'kg' } },
        ],
      },
      LONDON_CONTEXT,
    );
    const reading = outcome && storedOf(outcome);
    expect(reading).toMatchObject({
      systolic: 150,
      diastolic: 90,
      qualityFlags: ['mean-arterial-pressure-dropped', 'pulse-dropped'],
    });
    expect(reading?.pulse).toBeUndefined();
  });
});

describe('pressure unit spellings', () => {
  it.each(['mmHg', 'mm[Hg]', 'mm Hg', 'mmhg', 'MMHG', ' mm hg '])('reads JSON unit "%s" as mmHg', (unit) => {
    expect(
      storedOf(json({ systolic: 130, diastolic: 80, unit, measuredAt: '2026-11-23T08:00:00Z' })).systolic,
    ).toBe(130);
  });

  it.each(['kPa', 'kpa', 'KPA', 'k Pa'])('reads JSON unit "%s" as kPa', (unit) => {
    expect(
      storedOf(json({ systolic: 17.5, diastolic: 11.2, unit, measuredAt: '2026-11-23T08:00:00Z' })).systolic,
    ).toBe(131.3);
  });

  it.each([
    ['code', { code: 'mm[Hg]' }],
    ['code', { code: 'mm Hg' }],
    ['unit text', { unit: 'mm Hg' }],
    ['unit text', { unit: 'mmhg' }],
    ['unit text beside a wrong code', { code: 'mm_Hg', unit: 'mmHg' }],
  ])('reads a FHIR %s %j as mmHg', (_where, unit) => {
    const [outcome] = validateAndNormaliseFhir(
      {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        effectiveDateTime: '2026-11-23T08:00:00+00:00',
        component: [
          { code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 150, ...unit } },
          { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 90, ...unit } },
        ],
      },
      LONDON_CONTEXT,
    );
    expect(outcome?.ok).toBe(true);
  });

  it('still refuses a unit that is not a pressure', () => {
    expect(json({ systolic: 130, diastolic: 80, unit: 'cmH2O', measuredAt: '2026-11-23T08:00:00Z' }).ok).toBe(
      false,
    );
  });
});

describe('a refused item keeps its blood pressure for the refused-reading report', () => {
  it.each([
    [
      'an implausible systolic beside a severe diastolic',
      { systolic: 310, diastolic: 150 },
      { systolic: 310, diastolic: 150 },
    ],
    [
      'no measuredAt',
      { systolic: 192, diastolic: 108, measuredAt: undefined },
      { systolic: 192, diastolic: 108 },
    ],
    ['an unknown field', { systolic: 192, diastolic: 108, memberId: 'x' }, { systolic: 192, diastolic: 108 }],
    ['kPa', { systolic: 28, diastolic: 27, unit: 'kPa' }, { systolic: 210, diastolic: 202.5 }],
  ])('%s', (_name, change, pressure) => {
    const outcome = json({ measuredAt: '2026-11-23T08:00:00Z', ...change });
    expect(outcome).toMatchObject({ ok: false, pressure });
  });

  it('has no pressure when the values are not numbers', () => {
    const outcome = json({ systolic: '192', diastolic: 108, measuredAt: '2026-11-23T08:00:00Z' });
    expect(outcome.ok === false && outcome.pressure).toBeUndefined();
  });
});
