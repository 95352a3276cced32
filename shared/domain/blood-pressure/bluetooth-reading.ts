import type { BloodPressureReading } from '../blood-pressure-reading.js';
import { BluetoothMeasurementError, parseBluetoothMeasurement } from './bluetooth-measurement.js';
import { civilTimeToInstant, formatCivilDateTime } from './device-local-time.js';
import { describeItemIssues } from './item-issues.js';
import { type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { computeMeanArterialPressure } from './mean-arterial-pressure.js';
import { toMmHg } from './pressure-unit.js';
import { findReadingProblem } from './reading-validation.js';
import { parseRfc3339WithOffset } from './rfc3339.js';
import { bluetoothReadingSchema } from './upload-payload.js';

/**
 * Validates and normalises one forwarded 0x2A35 value.
 * Time: the device's own time stamp wins when it is known, read in the member's zone, because it is part of the
 * value and so stays the same when a gateway re-sends it (the natural key must not move). The item's measuredAt
 * is used only when the value has no time stamp or an unknown one (year, month or day 0).
 */
export const normaliseBluetoothReading = (item: unknown, context: NormaliseContext): ItemOutcome => {
  const parsed = bluetoothReadingSchema.safeParse(item);
  if (!parsed.success) return rejected(describeItemIssues(parsed.error));
  let measurement: ReturnType<typeof parseBluetoothMeasurement>;
  try {
    measurement = parseBluetoothMeasurement(Buffer.from(parsed.data.bluetooth, 'base64'));
  } catch (error) {
    if (error instanceof BluetoothMeasurementError) return rejected(`bluetooth: ${error.message}`);
    throw error;
  }

  let measuredAtMs: number;
  let utcOffsetMinutes: number;
  let deviceLocalTime: string | undefined;
  if (measurement.timestamp !== undefined) {
    const instant = civilTimeToInstant(measurement.timestamp, context.timezone);
    measuredAtMs = Date.parse(instant.measuredAt);
    utcOffsetMinutes = instant.utcOffsetMinutes;
    deviceLocalTime = formatCivilDateTime(measurement.timestamp);
  } else if (parsed.data.measuredAt !== undefined) {
    const instant = parseRfc3339WithOffset(parsed.data.measuredAt);
    if (instant === undefined) return rejected('measuredAt: is not a real date and time');
    measuredAtMs = instant.epochMs;
    utcOffsetMinutes = instant.utcOffsetMinutes;
  } else {
    return rejected('measuredAt: required because the Bluetooth value has no known time stamp');
  }

  const systolic = toMmHg(measurement.systolic, measurement.unit);
  const diastolic = toMmHg(measurement.diastolic, measurement.unit);
  const deviceMap =
    measurement.meanArterialPressure === undefined
      ? undefined
      : toMmHg(measurement.meanArterialPressure, measurement.unit);
  const problem = findReadingProblem(
    { systolic, diastolic, pulse: measurement.pulse, meanArterialPressure: deviceMap },
    measuredAtMs,
    context.nowMs,
  );
  if (problem !== undefined) return rejected(problem);

  const reading: BloodPressureReading = {
    metric: 'blood-pressure',
    memberId: context.memberId,
    measuredAt: new Date(measuredAtMs).toISOString(),
    utcOffsetMinutes,
    systolic,
    diastolic,
    meanArterialPressure: deviceMap ?? computeMeanArterialPressure(systolic, diastolic),
    provenance: {
      source: 'bluetooth-0x2a35',
      deviceId: context.deviceId,
      recordingMethod: 'device-measured',
      original: { value: parsed.data.bluetooth, unit: measurement.unit },
    },
  };
  if (deviceLocalTime !== undefined) reading.deviceLocalTime = deviceLocalTime;
  if (measurement.pulse !== undefined) reading.pulse = measurement.pulse;
  if (measurement.status !== undefined) reading.status = measurement.status;
  if (measurement.userId !== undefined) reading.bluetoothUserId = measurement.userId;
  return { ok: true, reading };
};
