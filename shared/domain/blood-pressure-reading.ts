import type { Provenance } from './provenance.js';

/** Measurement status bits from the Bluetooth 0x2A35 characteristic, decoded. */
export interface MeasurementStatus {
  bodyMovement: boolean;
  cuffTooLoose: boolean;
  irregularPulse: boolean;
  /** 0 within range, 1 above upper limit, 2 below lower limit, 3 reserved. */
  pulseRateRange: 0 | 1 | 2 | 3;
  improperPosition: boolean;
  /** The raw 16-bit field, kept as received. */
  raw: number;
}

/**
 * Quality flags we set at ingest (the monitor's own status bits are in `status`):
 * - clock-suspect: the device clock was wrong, so measuredAt was corrected or is the time we received it;
 * - pulse-dropped / mean-arterial-pressure-dropped: the device sent an implausible or special (SFLOAT +INF...)
 *   value beside a good blood pressure; the value was dropped, the blood pressure kept.
 */
export type ReadingQualityFlag = 'clock-suspect' | 'pulse-dropped' | 'mean-arterial-pressure-dropped';

/** How a reading with a wrong device clock was placed in time. */
export interface ReadingClock {
  /** The reading's time exactly as the device gave it; also what recognises a re-upload of it. */
  deviceTime: string;
  /** gateway-offset: corrected by the gateway's clock check; received: the time the upload reached us. */
  timeSource: 'gateway-offset' | 'received';
  /** Device clock minus gateway clock in whole minutes (gateway-offset only); +60 is an hour fast. */
  offsetMinutes?: number;
}

/** One normalised blood-pressure reading: stored as one item, never split. */
export interface BloodPressureReading {
  metric: 'blood-pressure';
  memberId: string;
  /** UTC ISO-8601 with milliseconds, e.g. 2026-11-20T07:31:00.000Z. */
  measuredAt: string;
  /** Offset that applied at measuredAt, in minutes east of UTC (London: 0 or 60). */
  utcOffsetMinutes: number;
  /** Device clock time when the source gave no zone (Bluetooth), as received. */
  deviceLocalTime?: string;
  systolic: number;
  diastolic: number;
  pulse?: number;
  /** Mean arterial pressure in mmHg; from the device when given, otherwise computed. */
  meanArterialPressure: number;
  status?: MeasurementStatus;
  bluetoothUserId?: number;
  /** Absent when there is nothing to say. */
  qualityFlags?: ReadingQualityFlag[];
  /** Present only when the device clock was judged wrong (with the clock-suspect flag). */
  clock?: ReadingClock;
  provenance: Provenance;
}
