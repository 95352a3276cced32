import type { NormaliseContext } from '../../domain/google-health/normalise-context.js';
import type { WeightReading } from '../../domain/wearable-reading.js';
import type { DataPointOf } from './data-point-schemas.js';
import { googleHealthProvenance, upstreamRecordId } from './google-health-provenance.js';
import { timeOfSample } from './sample-time.js';

/** Weight samples, grams -> kilograms (to the gram); the grams are kept as the original value. */
export const normaliseWeight = (
  points: readonly DataPointOf['weight'][],
  context: NormaliseContext,
): WeightReading[] =>
  points.map((point) => {
    const { instant, utcOffsetMinutes, localDate } = timeOfSample(point.weight.sampleTime, context.timeZone);
    return {
      metric: 'weight',
      memberId: context.memberId,
      measuredAt: instant.toISOString(),
      utcOffsetMinutes,
      localDate,
      kilograms: Math.round(point.weight.weightGrams) / 1000,
      provenance: googleHealthProvenance(point.dataSource, upstreamRecordId(point), {
        value: point.weight.weightGrams,
        unit: 'g',
      }),
    };
  });
