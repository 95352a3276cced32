import { localDayStart } from '../time/member-local-time.js';
import type { DataPointBatch } from './normalise-data-points.js';
import { isSettledSleep } from './normalise-sleep.js';
import { civilDateToString } from './sample-time.js';

const timesOf = (batch: DataPointBatch, timeZone: string): string[] => {
  switch (batch.dataType) {
    case 'heart-rate':
      return batch.points.map((point) => point.heartRate.sampleTime.physicalTime);
    case 'steps':
      return batch.points.map((point) => point.steps.interval.startTime);
    case 'sleep':
      // An unprocessed session is not stored yet, so the cursor must not pass it.
      return batch.points.filter(isSettledSleep).map((point) => point.sleep.interval.endTime);
    case 'weight':
      return batch.points.map((point) => point.weight.sampleTime.physicalTime);
    case 'oxygen-saturation':
      return batch.points.map((point) => point.oxygenSaturation.sampleTime.physicalTime);
    case 'heart-rate-variability':
      return batch.points.map((point) => point.heartRateVariability.sampleTime.physicalTime);
    case 'daily-resting-heart-rate':
      return batch.points.map((point) =>
        localDayStart(civilDateToString(point.dailyRestingHeartRate.date), timeZone).toISOString(),
      );
    case 'daily-oxygen-saturation':
      return batch.points.map((point) =>
        localDayStart(civilDateToString(point.dailyOxygenSaturation.date), timeZone).toISOString(),
      );
  }
};

/** The same batch without entries typed into the app by hand. */
const withoutManualEntries = (batch: DataPointBatch): DataPointBatch =>
  ({
    dataType: batch.dataType,
    points: (batch.points as Array<{ dataSource?: { recordingMethod?: string } }>).filter(
      (point) => point.dataSource?.recordingMethod !== 'MANUAL',
    ),
  }) as DataPointBatch;

/**
 * The newest upstream time in a batch (the field the type is filtered on), as UTC ISO.
 * With `deviceOnly`, manual entries (a weight typed into the app) are left out: they arrive even when
 * the tracker is not worn, so they must not hide a silent device.
 */
export const newestDataTime = (
  batch: DataPointBatch,
  timeZone: string,
  options: { deviceOnly?: boolean } = {},
): string | undefined => {
  let newest: number | undefined;
  const source = options.deviceOnly === true ? withoutManualEntries(batch) : batch;
  for (const time of timesOf(source, timeZone)) {
    const ms = Date.parse(time);
    if (newest === undefined || ms > newest) newest = ms;
  }
  return newest === undefined ? undefined : new Date(newest).toISOString();
};
