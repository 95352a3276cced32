import { localDateOf } from './local-time.js';

export interface HomeReading {
  measuredAt: string;
  systolic: number;
  diastolic: number;
}

/** NICE NG136 home (HBPM) bands, applied to the average. Either component reaching a band counts. */
export const NG136_HOME_BANDS = {
  stage1: { systolic: 135, diastolic: 85 },
  stage2: { systolic: 150, diastolic: 95 },
} as const;

/** NICE NG136: record for at least 4 days (ideally 7), then discard the first day. */
export const MIN_MONITORING_DAYS = 4;

export type HomeAverage =
  | { status: 'insufficient'; daysWithReadings: number; daysNeeded: number }
  | {
      status: 'complete';
      /** Mean of every reading after the first local day, to one decimal place. */
      systolic: number;
      diastolic: number;
      band: 'below-stage-1' | 'stage-1' | 'stage-2';
      discardedDate: string;
      datesUsed: string[];
      readingsUsed: number;
    };

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/**
 * NICE NG136 home blood-pressure average for one monitoring period: group readings by the member-local
 * date (BST-aware), discard the first day, average all the rest. Needs readings on at least 4 local days.
 * Pure; it does not check that each recording is two seated readings a minute apart, morning and evening:
 * that is the protocol the member is taught, and the per-day counts are left to the reviewer.
 */
export const homeBloodPressureAverage = (readings: readonly HomeReading[], timezone: string): HomeAverage => {
  const byDate = new Map<string, HomeReading[]>();
  for (const reading of readings) {
    const date = localDateOf(reading.measuredAt, timezone);
    byDate.set(date, [...(byDate.get(date) ?? []), reading]);
  }
  const dates = [...byDate.keys()].sort();
  const [discardedDate, ...datesUsed] = dates;
  if (discardedDate === undefined || dates.length < MIN_MONITORING_DAYS) {
    return { status: 'insufficient', daysWithReadings: dates.length, daysNeeded: MIN_MONITORING_DAYS };
  }
  const used = datesUsed.flatMap((date) => byDate.get(date) ?? []);
  const systolic = oneDecimal(used.reduce((sum, r) => sum + r.systolic, 0) / used.length);
  const diastolic = oneDecimal(used.reduce((sum, r) => sum + r.diastolic, 0) / used.length);
  const reaches = (band: { systolic: number; diastolic: number }) =>
    systolic >= band.systolic || diastolic >= band.diastolic;
  const band = reaches(NG136_HOME_BANDS.stage2)
    ? 'stage-2'
    : reaches(NG136_HOME_BANDS.stage1)
      ? 'stage-1'
      : 'below-stage-1';
  return {
    status: 'complete',
    systolic,
    diastolic,
    band,
    discardedDate,
    datesUsed,
    readingsUsed: used.length,
  };
};
