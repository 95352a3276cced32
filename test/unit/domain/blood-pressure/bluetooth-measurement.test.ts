import { describe, expect, it } from 'vitest';
import {
  BluetoothMeasurementError,
  parseBluetoothMeasurement,
} from '../../../../shared/domain/blood-pressure/bluetooth-measurement.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('parseBluetoothMeasurement', () => {
  it('parses the minimal mmHg value with a NaN MAP', () => {
    // flags 0x00: mmHg, nothing optional.
    // systolic 120 = 0x0078 -> 78 00; diastolic 80 = 0x0050 -> 50 00; MAP NaN 0x07FF -> FF 07.
    expect(parseBluetoothMeasurement(bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07))).toEqual({
      unit: 'mmHg',
      systolic: 120,
      diastolic: 80,
      flags: [],
    });
  });

  it('parses every optional field in order', () => {
    // flags 0x1E = time stamp (0x02) | pulse (0x04) | user id (0x08) | status (0x10); bit 0 clear: mmHg.
    // systolic 142 = 0x008E; diastolic 91 = 0x005B; MAP 108 = 0x006C.
    // time stamp: year 2026 = 0x07EA -> EA 07, month 11 = 0x0B, day 20 = 0x14, 07:31:05.
    // pulse 72 = 0x0048; user id 2; status 0x000C = irregular pulse (bit 2) | pulse above range (bits 3-4 = 1).
    const value = bytes(
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
    expect(value).toHaveLength(19);
    expect(parseBluetoothMeasurement(value)).toEqual({
      unit: 'mmHg',
      systolic: 142,
      diastolic: 91,
      meanArterialPressure: 108,
      timestamp: { year: 2026, month: 11, day: 20, hours: 7, minutes: 31, seconds: 5 },
      pulse: 72,
      userId: 2,
      status: {
        bodyMovement: false,
        cuffTooLoose: false,
        irregularPulse: true,
        pulseRateRange: 1,
        improperPosition: false,
        raw: 0x000c,
      },
      flags: [],
    });
  });

  it('reads kPa values with negative exponents', () => {
    // flags 0x01: kPa. systolic 16.0 kPa = mantissa 160 (0x0A0), exponent -1 (0xF) -> 0xF0A0 -> A0 F0.
    // diastolic 10.7 kPa = 107 (0x06B) x 10^-1 -> 0xF06B -> 6B F0. MAP 12.5 kPa = 125 (0x07D) -> 0xF07D -> 7D F0.
    expect(parseBluetoothMeasurement(bytes(0x01, 0xa0, 0xf0, 0x6b, 0xf0, 0x7d, 0xf0))).toEqual({
      unit: 'kPa',
      systolic: 16,
      diastolic: 10.7,
      meanArterialPressure: 12.5,
      flags: [],
    });
  });

  it.each([
    [0x0001, { bodyMovement: true }],
    [0x0002, { cuffTooLoose: true }],
    [0x0004, { irregularPulse: true }],
    [0x0008, { pulseRateRange: 1 }],
    [0x0010, { pulseRateRange: 2 }],
    [0x0018, { pulseRateRange: 3 }],
    [0x0020, { improperPosition: true }],
    [0x8000, {}], // a reserved bit: kept only in raw
  ])('decodes status %i', (status, expected) => {
    // flags 0x10: status only; status little-endian after MAP.
    const value = bytes(0x10, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, status & 0xff, status >> 8);
    expect(parseBluetoothMeasurement(value).status).toEqual({
      bodyMovement: false,
      cuffTooLoose: false,
      irregularPulse: false,
      pulseRateRange: 0,
      improperPosition: false,
      ...expected,
      raw: status,
    });
  });

  it('treats user id 0xFF as unknown', () => {
    // flags 0x08: user id present, value 0xFF.
    expect(
      parseBluetoothMeasurement(bytes(0x08, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0xff)).userId,
    ).toBeUndefined();
    expect(parseBluetoothMeasurement(bytes(0x08, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0x01)).userId).toBe(1);
  });

  it('treats year 0 as an unknown time stamp', () => {
    // flags 0x02; time stamp 00 00 (year 0), month 1, day 1, 00:00:00.
    const value = bytes(0x02, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00);
    expect(parseBluetoothMeasurement(value).timestamp).toBeUndefined();
  });

  it('treats a NaN pulse as absent', () => {
    // flags 0x04; pulse 0x07FF (NaN) -> FF 07.
    expect(
      parseBluetoothMeasurement(bytes(0x04, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0xff, 0x07)).pulse,
    ).toBeUndefined();
  });

  it.each([
    ['too short', bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0xff), /6 bytes; a 0x2A35 value is 7 to 19 bytes/],
    ['too long', new Uint8Array(20), /20 bytes/],
    [
      'pulse flag without pulse',
      bytes(0x04, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07),
      /announce 9 bytes but the value is 7/,
    ],
    [
      'trailing byte',
      bytes(0x00, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0x00),
      /announce 7 bytes but the value is 8/,
    ],
    [
      'NaN systolic',
      bytes(0x00, 0xff, 0x07, 0x50, 0x00, 0xff, 0x07),
      /systolic is the special SFLOAT value NaN/,
    ],
    [
      'NRes diastolic',
      bytes(0x00, 0x78, 0x00, 0x00, 0x08, 0xff, 0x07),
      /diastolic is the special SFLOAT value NRes/,
    ],
  ])('refuses a value that is %s', (_name, value, message) => {
    expect(() => parseBluetoothMeasurement(value)).toThrow(BluetoothMeasurementError);
    expect(() => parseBluetoothMeasurement(value)).toThrow(message);
  });

  it.each([
    ['month 13', bytes(0x02, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0xea, 0x07, 0x0d, 0x01, 0x00, 0x00, 0x00)],
    [
      '31 November',
      bytes(0x02, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, 0xea, 0x07, 0x0b, 0x1f, 0x00, 0x00, 0x00),
    ],
  ])('reads a time stamp of %s as unknown, keeping the blood pressure', (_name, value) => {
    const measurement = parseBluetoothMeasurement(value);
    expect(measurement.timestamp).toBeUndefined();
    expect([measurement.systolic, measurement.diastolic]).toEqual([120, 80]);
  });

  it.each([
    ['+INF', 0x07fe, ['pulse-dropped']],
    ['-INF', 0x0802, ['pulse-dropped']],
    ['NRes', 0x0800, ['pulse-dropped']],
    ['NaN', 0x07ff, []],
  ])('flags a %s pulse as dropped unless it is NaN (not measured)', (_name, raw, flags) => {
    const measurement = parseBluetoothMeasurement(
      bytes(0x04, 0x78, 0x00, 0x50, 0x00, 0xff, 0x07, raw & 0xff, raw >> 8),
    );
    expect(measurement.pulse).toBeUndefined();
    expect(measurement.flags).toEqual(flags);
  });
});
