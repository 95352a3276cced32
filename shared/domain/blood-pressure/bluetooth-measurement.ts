import type { MeasurementStatus, ReadingQualityFlag } from '../blood-pressure-reading.js';
import type { CivilDateTime } from './device-local-time.js';
import { decodeMeasurementStatus } from './measurement-status.js';
import { decodeSfloat, type SfloatValue } from './sfloat.js';

/** Flags of the Blood Pressure Measurement characteristic (0x2A35), by bit. */
const FLAG_KPA = 0x01;
const FLAG_TIMESTAMP = 0x02;
const FLAG_PULSE = 0x04;
const FLAG_USER_ID = 0x08;
const FLAG_STATUS = 0x10;

const UNKNOWN_USER = 0xff;

export class BluetoothMeasurementError extends Error {}

/** The characteristic value decoded field by field; values are in the device's unit, nothing converted yet. */
export interface BluetoothMeasurement {
  unit: 'mmHg' | 'kPa';
  systolic: number;
  diastolic: number;
  /** Undefined when the device sent NaN or another special value (many devices do not report MAP). */
  meanArterialPressure?: number;
  /**
   * The device clock, zone-less. Undefined when absent, when year, month or day is 0 ("unknown"), or when it is
   * not a real date and time (a broken clock must not cost us the blood pressure).
   */
  timestamp?: CivilDateTime;
  pulse?: number;
  /** Undefined when absent or 0xFF (unknown user). */
  userId?: number;
  status?: MeasurementStatus;
  /** A side value sent as +INF, -INF, NRes or reserved was dropped (NaN just means "not measured"). */
  flags: ReadingQualityFlag[];
}

const numberOrUndefined = (value: SfloatValue): number | undefined =>
  value.kind === 'number' ? value.value : undefined;

/** NaN is how a device says "not measured"; the other special values are a fault worth flagging. */
const isOddSpecial = (value: SfloatValue): boolean => value.kind === 'special' && value.special !== 'NaN';

const requiredPressure = (value: SfloatValue, name: string): number => {
  if (value.kind === 'special') {
    throw new BluetoothMeasurementError(`${name} is the special SFLOAT value ${value.special}`);
  }
  return value.value;
};

const readTimestamp = (bytes: Uint8Array, view: DataView, at: number): CivilDateTime | undefined => {
  const civil: CivilDateTime = {
    year: view.getUint16(at, true),
    month: bytes[at + 2] ?? 0,
    day: bytes[at + 3] ?? 0,
    hours: bytes[at + 4] ?? 0,
    minutes: bytes[at + 5] ?? 0,
    seconds: bytes[at + 6] ?? 0,
  };
  if (civil.year === 0 || civil.month === 0 || civil.day === 0) return undefined;
  const daysInMonth = new Date(Date.UTC(civil.year, civil.month, 0)).getUTCDate();
  // Not a real date and time: read as unknown, so the reading is placed by the gateway or by receipt.
  if (
    civil.year < 1582 ||
    civil.year > 9999 ||
    civil.month > 12 ||
    civil.day > daysInMonth ||
    civil.hours > 23 ||
    civil.minutes > 59 ||
    civil.seconds > 59
  ) {
    return undefined;
  }
  return civil;
};

/**
 * Parses a 0x2A35 value (little-endian): flags, systolic, diastolic, MAP, then the optional time stamp (7 bytes),
 * pulse (SFLOAT), user id (uint8) and status (uint16), each present only when its flag bit is set.
 * The length must be exactly what the flags announce.
 */
export const parseBluetoothMeasurement = (bytes: Uint8Array): BluetoothMeasurement => {
  if (bytes.length < 7 || bytes.length > 19) {
    throw new BluetoothMeasurementError(
      `the value is ${bytes.length} bytes; a 0x2A35 value is 7 to 19 bytes`,
    );
  }
  const flags = bytes[0] ?? 0;
  const expectedLength =
    7 +
    ((flags & FLAG_TIMESTAMP) !== 0 ? 7 : 0) +
    ((flags & FLAG_PULSE) !== 0 ? 2 : 0) +
    ((flags & FLAG_USER_ID) !== 0 ? 1 : 0) +
    ((flags & FLAG_STATUS) !== 0 ? 2 : 0);
  if (bytes.length !== expectedLength) {
    throw new BluetoothMeasurementError(
      `the flags 0x${flags.toString(16).padStart(2, '0')} announce ${expectedLength} bytes but the value is ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const measurement: BluetoothMeasurement = {
    unit: (flags & FLAG_KPA) !== 0 ? 'kPa' : 'mmHg',
    systolic: requiredPressure(decodeSfloat(view.getUint16(1, true)), 'systolic'),
    diastolic: requiredPressure(decodeSfloat(view.getUint16(3, true)), 'diastolic'),
    flags: [],
  };
  const map = decodeSfloat(view.getUint16(5, true));
  const meanArterialPressure = numberOrUndefined(map);
  if (meanArterialPressure !== undefined) measurement.meanArterialPressure = meanArterialPressure;
  if (isOddSpecial(map)) measurement.flags.push('mean-arterial-pressure-dropped');
  let at = 7;
  if ((flags & FLAG_TIMESTAMP) !== 0) {
    const timestamp = readTimestamp(bytes, view, at);
    if (timestamp !== undefined) measurement.timestamp = timestamp;
    at += 7;
  }
  if ((flags & FLAG_PULSE) !== 0) {
    const pulseValue = decodeSfloat(view.getUint16(at, true));
    const pulse = numberOrUndefined(pulseValue);
    if (pulse !== undefined) measurement.pulse = pulse;
    if (isOddSpecial(pulseValue)) measurement.flags.push('pulse-dropped');
    at += 2;
  }
  if ((flags & FLAG_USER_ID) !== 0) {
    const userId = bytes[at] ?? UNKNOWN_USER;
    if (userId !== UNKNOWN_USER) measurement.userId = userId;
    at += 1;
  }
  if ((flags & FLAG_STATUS) !== 0) {
    measurement.status = decodeMeasurementStatus(view.getUint16(at, true));
  }
  return measurement;
};
