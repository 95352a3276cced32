import { assembleReading } from './assemble-reading.js';
import { BluetoothMeasurementError, parseBluetoothMeasurement } from './bluetooth-measurement.js';
import { readClockCheck } from './clock-check.js';
import { civilTimeToInstant, formatCivilDateTime } from './device-local-time.js';
import { describeItemIssues } from './item-issues.js';
import { type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { readMeasuredAt } from './measured-at.js';
import { toMmHg } from './pressure-unit.js';
import { bluetoothReadingSchema } from './upload-payload.js';

/** Best effort for a refused item: the pressures of a value that parses, in mmHg. */
const pressureOfValue = (item: unknown) => {
  if (typeof item !== 'object' || item === null || !('bluetooth' in item)) return undefined;
  if (typeof item.bluetooth !== 'string') return undefined;
  try {
    const measurement = parseBluetoothMeasurement(Buffer.from(item.bluetooth, 'base64'));
    return {
      systolic: toMmHg(measurement.systolic, measurement.unit),
      diastolic: toMmHg(measurement.diastolic, measurement.unit),
    };
  } catch {
    return undefined;
  }
};

/**
 * Validates and normalises one forwarded 0x2A35 value.
 * Time: the device's own time stamp wins when it is known, read in the member's zone, because it is part of the
 * value and so stays the same when a gateway re-sends it (the natural key must not move). The item's measuredAt
 * is used only when the value has no time stamp or an unknown one (year, month or day 0); with neither, the
 * time of receipt. A wrong device clock is corrected by the clock check or replaced (assembleReading).
 */
export const normaliseBluetoothReading = (item: unknown, context: NormaliseContext): ItemOutcome => {
  const parsed = bluetoothReadingSchema.safeParse(item);
  if (!parsed.success) return rejected(describeItemIssues(parsed.error), pressureOfValue(item));
  let measurement: ReturnType<typeof parseBluetoothMeasurement>;
  try {
    measurement = parseBluetoothMeasurement(Buffer.from(parsed.data.bluetooth, 'base64'));
  } catch (error) {
    if (error instanceof BluetoothMeasurementError) return rejected(`bluetooth: ${error.message}`);
    throw error;
  }
  const pressure = {
    systolic: toMmHg(measurement.systolic, measurement.unit),
    diastolic: toMmHg(measurement.diastolic, measurement.unit),
  };

  let deviceMs: number;
  let deviceTimeText: string;
  let utcOffsetMinutes: number;
  let deviceLocalTime: string | undefined;
  if (measurement.timestamp !== undefined) {
    const instant = civilTimeToInstant(measurement.timestamp, context.timezone);
    deviceMs = Date.parse(instant.measuredAt);
    utcOffsetMinutes = instant.utcOffsetMinutes;
    deviceLocalTime = formatCivilDateTime(measurement.timestamp);
    deviceTimeText = deviceLocalTime;
  } else if (parsed.data.measuredAt !== undefined) {
    const instant = readMeasuredAt(parsed.data.measuredAt, context.timezone);
    if (instant === undefined) return rejected('measuredAt: is not a real date and time', pressure);
    deviceMs = instant.epochMs;
    utcOffsetMinutes = instant.utcOffsetMinutes;
    deviceTimeText = parsed.data.measuredAt;
  } else {
    // No time at all: placeInTime stores it at the time of receipt, flagged. The value itself keys re-uploads.
    deviceMs = Number.NaN;
    utcOffsetMinutes = 0;
    deviceTimeText = 'unknown';
  }
  const clock = readClockCheck(parsed.data.clockCheck, context.timezone);
  if (!clock.ok) return rejected(clock.reason, pressure);

  return assembleReading(
    {
      ...pressure,
      ...(measurement.pulse === undefined ? {} : { pulse: measurement.pulse }),
      ...(measurement.meanArterialPressure === undefined
        ? {}
        : { meanArterialPressure: toMmHg(measurement.meanArterialPressure, measurement.unit) }),
      deviceMs,
      deviceTimeText,
      utcOffsetMinutes,
      ...(clock.clockCheck === undefined ? {} : { clockCheck: clock.clockCheck }),
      flags: measurement.flags,
      ...(measurement.status === undefined ? {} : { status: measurement.status }),
      ...(measurement.userId === undefined ? {} : { bluetoothUserId: measurement.userId }),
      ...(deviceLocalTime === undefined ? {} : { deviceLocalTime }),
      provenance: {
        source: 'bluetooth-0x2a35',
        deviceId: context.deviceId,
        recordingMethod: 'device-measured',
        original: { value: parsed.data.bluetooth, unit: measurement.unit },
      },
    },
    context,
  );
};
