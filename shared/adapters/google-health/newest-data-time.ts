import { localDayStart } from '../../domain/time/member-local-time.js';
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

/** The newest upstream time in a batch (the field the type is filtered on), as UTC ISO. */
export const newestDataTime = (batch: DataPointBatch, timeZone: string): string | undefined => {
  let newest: number | undefined;
  for (const time of timesOf(batch, timeZone)) {
    const ms = Date.parse(time);
    if (newest === undefined || ms > newest) newest = ms;
  }
  return newest === undefined ? undefined : new Date(newest).toISOString();
};
