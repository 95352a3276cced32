import type { BloodPressureReading, MeasurementStatus } from '../blood-pressure-reading.js';
import { IRREGULAR_PULSE_SENTENCE } from './care-advice.js';

const IRREGULAR_PULSE = 'the monitor reported an irregular pulse';

type IngestCaveats = Partial<Pick<BloodPressureReading, 'qualityFlags' | 'clock'>>;

/** Plain phrases for what we flagged at ingest: a wrong monitor clock, a dropped side value. */
const ingestPhrases = ({ qualityFlags = [], clock }: IngestCaveats): string[] => {
  const phrases: string[] = [];
  if (qualityFlags.includes('clock-suspect')) {
    if (clock?.timeSource === 'gateway-offset' && clock.offsetMinutes !== undefined) {
      const minutes = Math.abs(clock.offsetMinutes);
      phrases.push(
        `the monitor's clock was ${minutes} minutes ${clock.offsetMinutes > 0 ? 'fast' : 'slow'}, so the time shown ` +
          'has been corrected by the phone or hub it sent the reading through (clock-suspect)',
      );
    } else {
      phrases.push(
        "the monitor's clock looked wrong, so the time shown is when the reading reached us, not when it was " +
          "taken; please check the monitor's date and time with the member (clock-suspect)",
      );
    }
  }
  if (qualityFlags.includes('pulse-dropped'))
    phrases.push('the monitor sent an impossible pulse, which was left out');
  if (qualityFlags.includes('mean-arterial-pressure-dropped')) {
    phrases.push('the monitor sent an impossible mean arterial pressure, which was left out');
  }
  return phrases;
};

/**
 * Plain phrases for the monitor's own measurement-status bits (Bluetooth 0x2A35), then for what ingest flagged
 * (clock-suspect, dropped side values).
 */
export const qualityFlagsOf = (
  status: MeasurementStatus | undefined,
  caveats: IngestCaveats = {},
): string[] => {
  if (status === undefined) {
    return ingestPhrases(caveats);
  }
  const flags: string[] = [];
  if (status.irregularPulse) flags.push(IRREGULAR_PULSE);
  if (status.cuffTooLoose) flags.push('the monitor reported the cuff was too loose');
  if (status.bodyMovement) flags.push('the monitor reported body movement during the reading');
  if (status.improperPosition) flags.push('the monitor reported the cuff was not in the right position');
  if (status.pulseRateRange === 1) flags.push('the monitor reported the pulse was above its range');
  if (status.pulseRateRange === 2) flags.push('the monitor reported the pulse was below its range');
  return [...flags, ...ingestPhrases(caveats)];
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
