/** The reserved SFLOAT codes of IEEE 11073-20601, tagged so callers cannot mistake them for numbers. */
export type SfloatSpecial = 'NaN' | 'NRes' | '+INF' | '-INF' | 'reserved';

export type SfloatValue = { kind: 'number'; value: number } | { kind: 'special'; special: SfloatSpecial };

const SPECIALS: ReadonlyMap<number, SfloatSpecial> = new Map([
  [0x07ff, 'NaN'],
  [0x0800, 'NRes'],
  [0x07fe, '+INF'],
  [0x0802, '-INF'],
  [0x0801, 'reserved'],
]);

/**
 * Decodes a 16-bit SFLOAT: a 4-bit signed exponent (high nibble) and a 12-bit signed mantissa.
 * The special codes are matched on the whole 16 bits, before any arithmetic.
 */
export const decodeSfloat = (raw: number): SfloatValue => {
  const bits = raw & 0xffff;
  const special = SPECIALS.get(bits);
  if (special !== undefined) return { kind: 'special', special };
  const exponentBits = (bits >> 12) & 0x0f;
  const mantissaBits = bits & 0x0fff;
  const exponent = exponentBits >= 0x08 ? exponentBits - 0x10 : exponentBits;
  const mantissa = mantissaBits >= 0x0800 ? mantissaBits - 0x1000 : mantissaBits;
  // Dividing by a power of ten keeps 0.1-style results exact where multiplying by 10^-n would not.
  const value = exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
  return { kind: 'number', value };
};
