import type { MeasurementStatus } from '../blood-pressure-reading.js';

/** Decodes the 0x2A35 measurement status field. Bits 6-15 are reserved and kept only in `raw`. */
export const decodeMeasurementStatus = (raw: number): MeasurementStatus => ({
  bodyMovement: (raw & 0x01) !== 0,
  cuffTooLoose: (raw & 0x02) !== 0,
  irregularPulse: (raw & 0x04) !== 0,
  pulseRateRange: ((raw >> 3) & 0x03) as 0 | 1 | 2 | 3,
  improperPosition: (raw & 0x20) !== 0,
  raw,
});
