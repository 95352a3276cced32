import type { MeasurementStatus } from '../blood-pressure-reading.js';

/** Plain phrases for the monitor's own measurement-status bits (Bluetooth 0x2A35). */
export const qualityFlagsOf = (status: MeasurementStatus | undefined): string[] => {
  if (status === undefined) {
    return [];
  }
  const flags: string[] = [];
  if (status.irregularPulse) flags.push('the monitor reported an irregular pulse');
  if (status.cuffTooLoose) flags.push('the monitor reported the cuff was too loose');
  if (status.bodyMovement) flags.push('the monitor reported body movement during the reading');
  if (status.improperPosition) flags.push('the monitor reported the cuff was not in the right position');
  if (status.pulseRateRange === 1) flags.push('the monitor reported the pulse was above its range');
  if (status.pulseRateRange === 2) flags.push('the monitor reported the pulse was below its range');
  return flags;
};

/** One sentence for the explanation, or '' when the monitor reported nothing. */
export const qualitySentence = (flags: string[]): string => {
  if (flags.length === 0) {
    return '';
  }
  const joined =
    flags.length === 1 ? flags[0] : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;
  const text = `${joined}, so the reading may be less reliable.`;
  return ` ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
};
