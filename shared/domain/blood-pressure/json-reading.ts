import { assembleReading } from './assemble-reading.js';
import { readClockCheck } from './clock-check.js';
import { describeItemIssues } from './item-issues.js';
import { type ItemOutcome, type NormaliseContext, rejected } from './item-outcome.js';
import { readMeasuredAt } from './measured-at.js';
import { parsePressureUnit, toMmHg } from './pressure-unit.js';
import { jsonItemPressureOf } from './refused-pressure.js';
import { jsonReadingSchema } from './upload-payload.js';

/**
 * Validates and normalises one JSON-form item. The hot path of bulk uploads: one compiled zod parse,
 * digit arithmetic for the time, no Intl unless the clock is wrong.
 */
export const normaliseJsonReading = (item: unknown, context: NormaliseContext): ItemOutcome => {
  const parsed = jsonReadingSchema.safeParse(item);
  if (!parsed.success) return rejected(describeItemIssues(parsed.error), jsonItemPressureOf(item));
  const input = parsed.data;
  const unit = input.unit === undefined ? 'mmHg' : (parsePressureUnit(input.unit) ?? 'mmHg');
  const pressure = { systolic: toMmHg(input.systolic, unit), diastolic: toMmHg(input.diastolic, unit) };
  const instant = readMeasuredAt(input.measuredAt, context.timezone);
  if (instant === undefined) return rejected('measuredAt: is not a real date and time', pressure);
  const clock = readClockCheck(input.clockCheck, context.timezone);
  if (!clock.ok) return rejected(clock.reason, pressure);
  return assembleReading(
    {
      ...pressure,
      ...(input.pulse === undefined ? {} : { pulse: input.pulse }),
      deviceMs: instant.epochMs,
      deviceTimeText: input.measuredAt,
      ...(instant.utcIso === undefined ? {} : { deviceUtcIso: instant.utcIso }),
      utcOffsetMinutes: instant.utcOffsetMinutes,
      ...(clock.clockCheck === undefined ? {} : { clockCheck: clock.clockCheck }),
      provenance: {
        source: 'json',
        deviceId: context.deviceId,
        recordingMethod: 'device-measured',
        ...(unit === 'kPa'
          ? { original: { value: { systolic: input.systolic, diastolic: input.diastolic }, unit } }
          : {}),
      },
    },
    context,
  );
};
