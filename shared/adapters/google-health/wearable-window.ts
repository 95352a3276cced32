import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { WearableWindow } from '../../domain/ports/wearable-source.js';
import { newestDataTime } from './newest-data-time.js';
import { type DataPointBatch, normaliseDataPoints } from './normalise-data-points.js';
import { civilDateToString } from './sample-time.js';

const iso = (time: string): string => new Date(time).toISOString();

/**
 * What of a sparse type still exists upstream, by the identity a stored reading is matched on
 * (upstreamIdentityOf): the member-local date of a daily summary, the start of a sleep session (processed
 * or not: one still being computed is there), the instant of a weigh-in. Dense types: none needed.
 */
const upstreamIdentities = (batch: DataPointBatch): Set<string> => {
  switch (batch.dataType) {
    case 'weight':
      return new Set(batch.points.map((point) => iso(point.weight.sampleTime.physicalTime)));
    case 'sleep':
      return new Set(batch.points.map((point) => iso(point.sleep.interval.startTime)));
    case 'daily-resting-heart-rate':
      return new Set(batch.points.map((point) => civilDateToString(point.dailyRestingHeartRate.date)));
    case 'daily-oxygen-saturation':
      return new Set(batch.points.map((point) => civilDateToString(point.dailyOxygenSaturation.date)));
    default:
      return new Set();
  }
};

/** Google Health points of one window, translated into the provider-neutral WearableWindow. Pure. */
export const toWearableWindow = (batch: DataPointBatch, context: NormaliseContext): WearableWindow => {
  const newestDataAt = newestDataTime(batch, context.timeZone);
  return {
    readings: normaliseDataPoints(batch, context),
    ...(newestDataAt === undefined ? {} : { newestDataAt }),
    upstreamIdentities: upstreamIdentities(batch),
  };
};
