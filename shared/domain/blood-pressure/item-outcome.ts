import type { BloodPressureReading } from '../blood-pressure-reading.js';

/** The blood pressure a refused item carried, in mmHg, when it could be read: a severe one is still reported. */
export interface RefusedPressure {
  systolic: number;
  diastolic: number;
}

/** What each uploaded item became after validation: a whole reading, or a reason it was refused. */
export type ItemOutcome =
  | { ok: true; reading: BloodPressureReading }
  | { ok: false; reason: string; pressure?: RefusedPressure };

/** Everything normalisation needs besides the item; pure values so it can run without I/O. */
export interface NormaliseContext {
  memberId: string;
  /** The member's IANA zone: device clocks without a zone are read in it. */
  timezone: string;
  deviceId: string;
  /** Request time in epoch ms: a reading whose device clock is wrong is stored at this time. */
  nowMs: number;
}

/** The request as a whole is unusable (not an item-level problem): nothing from it is stored. */
export class InvalidUploadError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'InvalidUploadError';
  }
}

export const rejected = (reason: string, pressure?: RefusedPressure): ItemOutcome =>
  pressure === undefined ? { ok: false, reason } : { ok: false, reason, pressure };
