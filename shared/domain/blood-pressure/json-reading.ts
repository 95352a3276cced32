import type { BloodPressureReading } from '../blood-pressure-reading.js';
import { describeItemIssues } from './item-issues.js';
import { type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { computeMeanArterialPressure } from './mean-arterial-pressure.js';
import { toMmHg } from './pressure-unit.js';
import { findReadingProblem } from './reading-validation.js';
import { parseRfc3339WithOffset } from './rfc3339.js';
import { jsonReadingSchema } from './upload-payload.js';

/**
 * Validates and normalises one JSON-form item. The hot path of bulk uploads: one compiled zod parse,
 * one Date.parse, no Intl (the offset is in the string).
 */
export const normaliseJsonReading = (item: unknown, context: NormaliseContext): ItemOutcome => {
  const parsed = jsonReadingSchema.safeParse(item);
  if (!parsed.success) return rejected(describeItemIssues(parsed.error));
  const input = parsed.data;
  const instant = parseRfc3339WithOffset(input.measuredAt);
  if (instant === undefined) return rejected('measuredAt: is not a real date and time');
  const unit = input.unit ?? 'mmHg';
  const systolic = toMmHg(input.systolic, unit);
  const diastolic = toMmHg(input.diastolic, unit);
  const problem = findReadingProblem(
    { systolic, diastolic, pulse: input.pulse },
    instant.epochMs,
    context.nowMs,
  );
  if (problem !== undefined) return rejected(problem);
  const reading: BloodPressureReading = {
    metric: 'blood-pressure',
    memberId: context.memberId,
    measuredAt: instant.utcIso,
    utcOffsetMinutes: instant.utcOffsetMinutes,
    systolic,
    diastolic,
    meanArterialPressure: computeMeanArterialPressure(systolic, diastolic),
    provenance: {
      source: 'json',
      deviceId: context.deviceId,
      recordingMethod: 'device-measured',
      ...(unit === 'kPa'
        ? { original: { value: { systolic: input.systolic, diastolic: input.diastolic }, unit } }
        : {}),
    },
  };
  if (input.pulse !== undefined) reading.pulse = input.pulse;
  return { ok: true, reading };
};
