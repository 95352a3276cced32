import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Lossless compact encoding of [secondsSinceStart, value] samples for DynamoDB binary attributes.
 *
 * Layout before compression (all integers are unsigned LEB128 varints):
 * - format version (1), value scale exponent k (0..6, or 255 for raw float64 values), sample count;
 * - times as millisecond deltas, run-length coded as (delta, run) pairs: a steady 1 Hz hour is one pair;
 * - values: k < 255: zig-zag deltas of value * 10^k (a heart rate moves a few bpm a second, so mostly one
 *   byte each); k = 255: 8-byte little-endian doubles (values with no short decimal form).
 * The whole is then raw-deflated. A 1 Hz hour of heart rate is about 1-2 KB (3,600 samples).
 */
export const SAMPLE_ENCODING = 'delta-rle-zigzag-deflate-v1';

const FORMAT_VERSION = 1;
const RAW_FLOAT = 255;
const MAX_SCALE = 6;
const MAX_SCALED = 2 ** 50;

class ByteWriter {
  private buffer = Buffer.alloc(4096);
  private length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Cannot encode ${value} as a varint`);
    this.ensure(8);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  float64(value: number): void {
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

class ByteReader {
  private offset = 0;
  constructor(private readonly buffer: Buffer) {}

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (;;) {
      const byte = this.buffer[this.offset++];
      if (byte === undefined) throw new RangeError('Encoded samples end early');
      result += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return result;
      multiplier *= 0x80;
    }
  }

  float64(): number {
    const value = this.buffer.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }
}

const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);
const unzigzag = (value: number): number => (value % 2 === 0 ? value / 2 : -(value + 1) / 2);

/** The smallest power of ten that makes every value an exact safe integer, or RAW_FLOAT when none does. */
const scaleFor = (samples: ReadonlyArray<readonly [number, number]>): number => {
  for (let exponent = 0; exponent <= MAX_SCALE; exponent += 1) {
    const factor = 10 ** exponent;
    const exact = samples.every(([, value]) => {
      const scaled = Math.round(value * factor);
      // Deltas of two values must stay safe integers too; -0 has no integer form.
      return Math.abs(scaled) <= MAX_SCALED && !Object.is(scaled, -0) && Object.is(scaled / factor, value);
    });
    if (exact) return exponent;
  }
  return RAW_FLOAT;
};

const millisecondsOf = (seconds: number): number => {
  const ms = Math.round(seconds * 1000);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`Sample time ${seconds} is out of range`);
  return ms;
};

/** Encodes time-ordered samples (times to the millisecond, any finite or float values) losslessly. */
export const encodeSamples = (samples: ReadonlyArray<readonly [number, number]>): Uint8Array => {
  const writer = new ByteWriter();
  const scale = scaleFor(samples);
  writer.varint(FORMAT_VERSION);
  writer.varint(scale);
  writer.varint(samples.length);
  let previousMs = 0;
  let runDelta = -1;
  let run = 0;
  for (const [seconds] of samples) {
    const ms = millisecondsOf(seconds);
    const delta = ms - previousMs;
    if (delta < 0) throw new RangeError('Samples must be in time order');
    previousMs = ms;
    if (delta === runDelta) {
      run += 1;
      continue;
    }
    if (run > 0) {
      writer.varint(runDelta);
      writer.varint(run);
    }
    runDelta = delta;
    run = 1;
  }
  if (run > 0) {
    writer.varint(runDelta);
    writer.varint(run);
  }
  let previousScaled = 0;
  for (const [, value] of samples) {
    if (scale === RAW_FLOAT) {
      writer.float64(value);
      continue;
    }
    const scaled = Math.round(value * 10 ** scale);
    writer.varint(zigzag(scaled - previousScaled));
    previousScaled = scaled;
  }
  return new Uint8Array(deflateRawSync(writer.bytes(), { level: 9 }));
};

/** The exact samples encodeSamples was given. */
export const decodeSamples = (encoded: Uint8Array): Array<[number, number]> => {
  const reader = new ByteReader(inflateRawSync(encoded));
  const version = reader.varint();
  if (version !== FORMAT_VERSION) throw new RangeError(`Unknown sample encoding version ${version}`);
  const scale = reader.varint();
  const count = reader.varint();
  const times: number[] = [];
  let ms = 0;
  while (times.length < count) {
    const delta = reader.varint();
    const run = reader.varint();
    for (let index = 0; index < run; index += 1) {
      ms += delta;
      times.push(ms / 1000);
    }
  }
  const samples: Array<[number, number]> = [];
  let scaled = 0;
  for (const seconds of times) {
    if (scale === RAW_FLOAT) {
      samples.push([seconds, reader.float64()]);
      continue;
    }
    scaled += unzigzag(reader.varint());
    samples.push([seconds, scaled / 10 ** scale]);
  }
  return samples;
};
