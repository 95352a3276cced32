import { describe, expect, it } from 'vitest';
import { normaliseBluetoothReading } from '../../../../shared/domain/blood-pressure/bluetooth-reading.js';
import { base64, LONDON_CONTEXT } from './normalise-context.js';

// flags 0x1E (time stamp, pulse, user id, status; mmHg); 142/91, MAP 108; 2026-11-20 07:31:05 (GMT in London);
// pulse 72; user 2; status 0x000C (irregular pulse, pulse above range). See bluetooth-measurement.test.ts.
const FULL_GMT = base64(
  0x1e,
  0x8e,
  0x00,
  0x5b,
  0x00,
  0x6c,
  0x00,
  0xea,
  0x07,
  0x0b,
  0x14,
  0x07,
  0x1f,
  0x05,
  0x48,
  0x00,
  0x02,
  0x0c,
  0x00,
);
// flags 0x03 (kPa, time stamp); 16.0/10.7 kPa, MAP 12.5 kPa (exponent -1: F0A0, F06B, F07D);
// time stamp 2026-07-15 08:00:00 = year EA 07, month 07, day 0F, 08 00 00: BST in London.
const KPA_BST = base64(0x03, 0xa0, 0xf0, 0x6b, 0xf0, 0x7d, 0xf0, 0xea, 0x07, 0x07, 0x0f, 0x08, 0x00, 0x00);
// flags 0x02 with year 0 (unknown): 00 00 01 01 00 00 00.
const YEAR_ZERO = base64(0x02, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00);

describe('normaliseBluetoothReading', () => {
  it('reads the device clock in the member zone (GMT) and keeps every field', () => {
    expect(normaliseBluetoothReading({ bluetooth: FULL_GMT }, LONDON_CONTEXT)).toEqual({
      ok: true,
      reading: {
        metric: 'blood-pressure',
        memberId: 'm-test',
        measuredAt: '2026-11-20T07:31:05.000Z',
        utcOffsetMinutes: 0,
        deviceLocalTime: '2026-11-20T07:31:05',
        systolic: 142,
        diastolic: 91,
        pulse: 72,
        meanArterialPressure: 108,
        status: {
          bodyMovement: false,
          cuffTooLoose: false,
          irregularPulse: true,
          pulseRateRange: 1,
          improperPosition: false,
          raw: 12,
        },
        bluetoothUserId: 2,
        provenance: {
          source: 'bluetooth-0x2a35',
          deviceId: 'd-test',
          recordingMethod: 'device-measured',
          original: { value: FULL_GMT, unit: 'mmHg' },
        },
      },
    });
  });

  it('converts kPa (x 7.50062, to 0.1 mmHg) and reads a BST device clock', () => {
    const outcome = normaliseBluetoothReading({ bluetooth: KPA_BST }, LONDON_CONTEXT);
    expect(outcome).toMatchObject({
      ok: true,
      reading: {
        measuredAt: '2026-07-15T07:00:00.000Z',
        utcOffsetMinutes: 60,
        deviceLocalTime: '2026-07-15T08:00:00',
        systolic: 120, // 16.0 x 7.50062 = 120.00992
        diastolic: 80.3, // 10.7 x 7.50062 = 80.256634
        meanArterialPressure: 93.8, // 12.5 x 7.50062 = 93.75775
        provenance: { original: { value: KPA_BST, unit: 'kPa' } },
      },
    });
  });

  it('stores an unknown (year 0) time stamp without measuredAt at the time of receipt, clock-suspect', () => {
    expect(normaliseBluetoothReading({ bluetooth: YEAR_ZERO }, LONDON_CONTEXT)).toMatchObject({
      ok: true,
      reading: {
        measuredAt: '2026-11-23T09:00:00.000Z',
        qualityFlags: ['clock-suspect'],
        clock: { deviceTime: 'unknown', timeSource: 'received' },
      },
    });
  });

  it('uses measuredAt when the time stamp is unknown, and computes MAP when the device sent NaN', () => {
    const outcome = normaliseBluetoothReading(
      { bluetooth: YEAR_ZERO, measuredAt: '2026-11-22T08:15:00+00:00' },
      LONDON_CONTEXT,
    );
    expect(outcome).toMatchObject({
      ok: true,
      reading: { measuredAt: '2026-11-22T08:15:00.000Z', utcOffsetMinutes: 0, meanArterialPressure: 93.3 },
    });
    expect(outcome.ok && 'deviceLocalTime' in outcome.reading).toBe(false);
  });

  it('prefers the device time stamp over measuredAt, so a re-sent value keeps its natural key', () => {
    const outcome = normaliseBluetoothReading(
      { bluetooth: FULL_GMT, measuredAt: '2026-11-22T10:00:00Z' },
      LONDON_CONTEXT,
    );
    expect(outcome).toMatchObject({ ok: true, reading: { measuredAt: '2026-11-20T07:31:05.000Z' } });
  });

  it.each([
    [{ bluetooth: 'not base64!' }, /^bluetooth: /],
    [{ bluetooth: base64(0x00, 0x78, 0x00) }, /^bluetooth: the value is 3 bytes/],
    [{ bluetooth: YEAR_ZERO, extra: 1 }, /Unrecognized key/],
    // 80/120: diastolic 0x0078 above systolic 0x0050.
    [
      { bluetooth: base64(0x00, 0x50, 0x00, 0x78, 0x00, 0xff, 0x07), measuredAt: '2026-11-22T08:00:00Z' },
      /systolic must be greater/,
    ],
  ])('rejects %j', (item, reason) => {
    const outcome = normaliseBluetoothReading(item, LONDON_CONTEXT);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(reason);
  });
});
