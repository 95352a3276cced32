import type { ReadingClock } from '../blood-pressure-reading.js';

/**
 * Limits on device time stamps. A time stamp never refuses a reading (a severe value must not be lost to a
 * wrong clock); outside these limits it is replaced and the reading flagged `clock-suspect`.
 */
export const CLOCK_LIMITS = {
  /** A device clock may run this far from ours, either way, before we call it wrong. */
  toleranceMs: 5 * 60_000,
  /**
   * A time stamp before this is a clock reset (a battery change sets many monitors to 2000 or their
   * factory year), not a real reading: home monitors hold weeks of readings, not years.
   */
  earliestPlausibleMs: Date.UTC(2021, 0, 1),
} as const;

/** The device's clock and the gateway's, read at the same moment (the upload's `clockCheck`). */
export interface ClockCheck {
  deviceMs: number;
  gatewayMs: number;
}

export interface DeviceTimeInput {
  /** The reading's time stamp as the device clock gave it, as an instant. */
  deviceMs: number;
  /** The same time stamp as received, for provenance and re-upload recognition. */
  deviceTimeText: string;
  clockCheck?: ClockCheck;
  /** When the upload reached us. */
  nowMs: number;
}

export interface PlacedInTime {
  measuredAtMs: number;
  /** Set when the device time was not used as given: the reading is then flagged clock-suspect. */
  clock?: ReadingClock;
}

const plausible = (instantMs: number, nowMs: number): boolean =>
  instantMs <= nowMs + CLOCK_LIMITS.toleranceMs && instantMs >= CLOCK_LIMITS.earliestPlausibleMs;

/**
 * Decides when a reading was taken.
 * 1. With a clock check whose offset is beyond the tolerance: the device time minus that offset, when the
 *    result is plausible (not in the future, not before 2021). A 1-hour-fast monitor's 10:00 becomes 09:00.
 * 2. Without one (or with a small offset): the device time as given, when it is plausible.
 * 3. Otherwise: the time the upload reached us.
 * Cases 1 and 3 return `clock`, which the caller stores with the `clock-suspect` flag.
 */
export const placeInTime = ({
  deviceMs,
  deviceTimeText,
  clockCheck,
  nowMs,
}: DeviceTimeInput): PlacedInTime => {
  const offsetMs = clockCheck === undefined ? 0 : clockCheck.deviceMs - clockCheck.gatewayMs;
  if (Math.abs(offsetMs) > CLOCK_LIMITS.toleranceMs) {
    const corrected = deviceMs - offsetMs;
    if (plausible(corrected, nowMs)) {
      return {
        measuredAtMs: corrected,
        clock: {
          deviceTime: deviceTimeText,
          timeSource: 'gateway-offset',
          offsetMinutes: Math.round(offsetMs / 60_000),
        },
      };
    }
  } else if (plausible(deviceMs, nowMs)) {
    return { measuredAtMs: deviceMs };
  }
  return { measuredAtMs: nowMs, clock: { deviceTime: deviceTimeText, timeSource: 'received' } };
};
