import type { HeartRateVariability } from '../wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance, recordIdOf } from './google-health-provenance.js';
import type { NormaliseContext } from './normalise-context.js';
import { timeOfSample } from './sample-time.js';

/** HRV samples (RMSSD, and SDNN when given), one sparse reading each. */
export const normaliseHeartRateVariability = (
  points: readonly DataPointOf['heart-rate-variability'][],
  context: NormaliseContext,
): HeartRateVariability[] =>
  points.map((point) => {
    const hrv = point.heartRateVariability;
    const { instant, utcOffsetMinutes, localDate } = timeOfSample(hrv.sampleTime, context.timeZone);
    return {
      metric: 'heart-rate-variability',
      memberId: context.memberId,
      measuredAt: instant.toISOString(),
      utcOffsetMinutes,
      localDate,
      rmssdMilliseconds: hrv.rootMeanSquareOfSuccessiveDifferencesMilliseconds,
      ...(hrv.standardDeviationMilliseconds === undefined
        ? {}
        : { standardDeviationMilliseconds: hrv.standardDeviationMilliseconds }),
      provenance: googleHealthProvenance(point.dataSource, recordIdOf(point.name)),
    };
  });
