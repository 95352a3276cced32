import type {
  BloodPressureReading,
  MeasurementStatus,
  ReadingQualityFlag,
} from '../blood-pressure-reading.js';
import type { Provenance } from '../provenance.js';
import { offsetMinutesAt } from '../time/member-local-time.js';
import { type ClockCheck, placeInTime } from './device-clock.js';
import { type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { computeMeanArterialPressure } from './mean-arterial-pressure.js';
import { checkSideValues, findPressureProblem } from './reading-validation.js';

/** What every upload format decodes to before the shared checks: pressures in mmHg, the device's time. */
export interface ReadingParts {
  systolic: number;
  diastolic: number;
  pulse?: number;
  /** From the device, in mmHg; computed when absent or dropped. */
  meanArterialPressure?: number;
  /** The reading's time by the device clock. */
  deviceMs: number;
  deviceTimeText: string;
  /** The offset that went with the device time. */
  utcOffsetMinutes: number;
  /** The device time already as UTC ISO, when the format gave one (saves formatting it again). */
  deviceUtcIso?: string;
  clockCheck?: ClockCheck;
  /** Flags the decoder already knows, e.g. a pulse sent as SFLOAT +INF. */
  flags?: ReadingQualityFlag[];
  provenance: Provenance;
  deviceLocalTime?: string;
  status?: MeasurementStatus;
  bluetoothUserId?: number;
}

/**
 * The checks every format shares, in order:
 * 1. systolic and diastolic must be plausible and systolic above diastolic, or the item is refused
 *    (keeping the pressure, so a severe one is still reported as a refused reading);
 * 2. an implausible pulse or mean arterial pressure is dropped and flagged, never refusing the reading;
 * 3. the time: the device's, corrected by the clock check, or the time of receipt (placeInTime), with the
 *    clock-suspect flag when it is not the device's own.
 */
export const assembleReading = (parts: ReadingParts, context: NormaliseContext): ItemOutcome => {
  const pressure = { systolic: parts.systolic, diastolic: parts.diastolic };
  const problem = findPressureProblem(pressure);
  if (problem !== undefined) return rejected(problem, pressure);
  const side = checkSideValues(parts);
  const placed = placeInTime({
    deviceMs: parts.deviceMs,
    deviceTimeText: parts.deviceTimeText,
    ...(parts.clockCheck === undefined ? {} : { clockCheck: parts.clockCheck }),
    nowMs: context.nowMs,
  });
  const flags: ReadingQualityFlag[] = [
    ...(placed.clock === undefined ? [] : (['clock-suspect'] as const)),
    ...(parts.flags ?? []),
    ...side.flags.filter((flag) => !parts.flags?.includes(flag)),
  ];
  const measuredAt =
    placed.clock === undefined
      ? (parts.deviceUtcIso ?? new Date(placed.measuredAtMs).toISOString())
      : new Date(placed.measuredAtMs).toISOString();
  const reading: BloodPressureReading = {
    metric: 'blood-pressure',
    memberId: context.memberId,
    measuredAt,
    utcOffsetMinutes:
      placed.clock === undefined
        ? parts.utcOffsetMinutes
        : offsetMinutesAt(new Date(placed.measuredAtMs), context.timezone),
    systolic: parts.systolic,
    diastolic: parts.diastolic,
    meanArterialPressure:
      side.meanArterialPressure ?? computeMeanArterialPressure(parts.systolic, parts.diastolic),
    provenance: parts.provenance,
  };
  if (parts.deviceLocalTime !== undefined) reading.deviceLocalTime = parts.deviceLocalTime;
  if (side.pulse !== undefined) reading.pulse = side.pulse;
  if (parts.status !== undefined) reading.status = parts.status;
  if (parts.bluetoothUserId !== undefined) reading.bluetoothUserId = parts.bluetoothUserId;
  if (flags.length > 0) reading.qualityFlags = flags;
  if (placed.clock !== undefined) reading.clock = placed.clock;
  return { ok: true, reading };
};
