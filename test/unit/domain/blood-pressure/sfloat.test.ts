import { describe, expect, it } from 'vitest';
import { decodeSfloat } from '../../../../shared/domain/blood-pressure/sfloat.js';

describe('decodeSfloat', () => {
  it.each([
    [0x07ff, 'NaN'],
    [0x0800, 'NRes'],
    [0x07fe, '+INF'],
    [0x0802, '-INF'],
    [0x0801, 'reserved'],
  ])('decodes raw %i as the special value %s', (raw, special) => {
    expect(decodeSfloat(raw)).toEqual({ kind: 'special', special });
  });

  it.each([
    // [raw, exponent nibble, mantissa 12 bits, value]
    [0x0078, 120], // exponent 0, mantissa 0x078 = 120
    [0x0000, 0],
    [0xf0a0, 16], // exponent 0xF = -1, mantissa 0x0A0 = 160 -> 160 x 10^-1
    [0xf06b, 10.7], // exponent -1, mantissa 0x06B = 107 -> 10.7
    [0x2001, 100], // exponent 2, mantissa 1 -> 1 x 10^2
    [0x0fff, -1], // exponent 0, mantissa 0xFFF = -1 (two's complement of 12 bits)
    [0xfffe, -0.2], // exponent -1, mantissa 0xFFE = -2 -> -0.2
    [0xf800, -204.8], // exponent -1, mantissa 0x800 = -2048 -> -204.8 (not NRes: that needs exponent 0)
    [0x87ff, 2047e-8], // exponent 0x8 = -8, mantissa 0x7FF = 2047
    [0x77fd, 2045e7], // exponent 7, mantissa 0x7FD = 2045 (0x7FFD would be mantissa 0xFFD = -3)
    [0x07fd, 2045], // largest non-special mantissa at exponent 0
    [0x0803, -2045], // exponent 0, mantissa 0x803 = -2045, the most negative non-special
  ])('decodes raw %i to %d', (raw, value) => {
    const decoded = decodeSfloat(raw);
    expect(decoded.kind).toBe('number');
    if (decoded.kind === 'number') expect(decoded.value).toBeCloseTo(value, 12);
  });

  it('ignores bits above 16', () => {
    expect(decodeSfloat(0x1_0078)).toEqual({ kind: 'number', value: 120 });
  });
});
