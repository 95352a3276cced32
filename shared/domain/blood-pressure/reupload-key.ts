import type { BloodPressureReading } from '../blood-pressure-reading.js';

/**
 * What recognises a re-upload of a reading whose clock was wrong. Its measuredAt is the time of receipt (or
 * corrected by a clock check measured anew each time), so it moves between uploads; the device's own time
 * stamp and the values do not. Undefined for readings placed at their device time: measuredAt keys those.
 */
export const reuploadKeyOf = (reading: Pick<BloodPressureReading, 'clock' | 'systolic' | 'diastolic'>) =>
  reading.clock === undefined
    ? undefined
    : `${reading.clock.deviceTime}#${reading.systolic}/${reading.diastolic}`;
