import { describe, expect, it } from 'vitest';
import { decodeSamples, encodeSamples } from '../../../shared/adapters/dense-sample-codec.js';

/** A 1 Hz hour of heart rate that wanders like a real one (seeded, so the figure is stable). */
const oneHertzHour = (): Array<[number, number]> => {
  let seed = 7;
  let bpm = 72;
  return Array.from({ length: 3600 }, (_, second): [number, number] => {
    seed = (seed * 16_807) % 2_147_483_647;
    bpm = Math.min(180, Math.max(45, bpm + ((seed % 5) - 2)));
    return [second, bpm];
  });
};

describe('dense sample codec', () => {
  it('round-trips a 1 Hz hour exactly in under 2 KB', () => {
    const samples = oneHertzHour();
    const encoded = encodeSamples(samples);
    expect(decodeSamples(encoded)).toEqual(samples);
    expect(encoded.byteLength).toBeLessThan(2048);
  });

  it('keeps decimals, irregular and sub-second times, negatives and doubles with no short form exactly', () => {
    const samples: Array<[number, number]> = [
      [0.001, 96.5],
      [0.5, -3.25],
      [17, 0],
      [1800.123, 94.1],
      [3599.999, 100],
    ];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
    const doubles: Array<[number, number]> = [
      [1, Math.PI],
      [2, 1 / 3],
      [3, 1e-12],
      [4, Number.MAX_VALUE],
    ];
    expect(decodeSamples(encodeSamples(doubles))).toEqual(doubles);
  });

  it('keeps -0 distinct from 0, and an empty list empty', () => {
    const decoded = decodeSamples(encodeSamples([[1, -0]]));
    expect(Object.is(decoded[0]?.[1], -0)).toBe(true);
    expect(decodeSamples(encodeSamples([]))).toEqual([]);
  });

  it('refuses samples out of time order rather than storing them wrongly', () => {
    expect(() =>
      encodeSamples([
        [5, 60],
        [4, 61],
      ]),
    ).toThrow(RangeError);
  });
});
