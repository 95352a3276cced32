import type { MeasurementStatus } from '../blood-pressure-reading.js';
import { IRREGULAR_PULSE_SENTENCE } from './care-advice.js';

const IRREGULAR_PULSE = 'the monitor reported an irregular pulse';

/** Plain phrases for the monitor's own measurement-status bits (Bluetooth 0x2A35). */
export const qualityFlagsOf = (status: MeasurementStatus | undefined): string[] => {
  if (status === undefined) {
    return [];
  }
  const flags: string[] = [];
  if (status.irregularPulse) flags.push(IRREGULAR_PULSE);
  if (status.cuffTooLoose) flags.push('the monitor reported the cuff was too loose');
  if (status.bodyMovement) flags.push('the monitor reported body movement during the reading');
  if (status.improperPosition) flags.push('the monitor reported the cuff was not in the right position');
  if (status.pulseRateRange === 1) flags.push('the monitor reported the pulse was above its range');
  if (status.pulseRateRange === 2) flags.push('the monitor reported the pulse was below its range');
  return flags;
};

/**
 * Sentences for the explanation, or '' when the monitor reported nothing. An irregular pulse gets its own
 * sentence saying what it may mean.
 */
export const qualitySentence = (allFlags: string[]): string => {
  const flags = allFlags.filter((flag) => flag !== IRREGULAR_PULSE);
  const irregular = allFlags.includes(IRREGULAR_PULSE) ? IRREGULAR_PULSE_SENTENCE : '';
  if (flags.length === 0) {
    return irregular;
  }
  const joined =
    flags.length === 1 ? flags[0] : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;
  const text = `${joined}, so the reading may be less reliable.`;
  return ` ${text.charAt(0).toUpperCase()}${text.slice(1)}${irregular}`;
};
