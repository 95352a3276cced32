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
  provenance: Provenance;
}
