import * as z from '../zod-mini.js';
import { clockCheckSchema } from './clock-check.js';
import { RFC3339_OFFSET_OPTIONAL } from './measured-at.js';
import { PRESSURE_UNIT_SPELLINGS, parsePressureUnit } from './pressure-unit.js';
import { READING_BOUNDS } from './reading-validation.js';

/** At most this many readings per request (OWASP API4); a monitor syncing a month of twice-daily pairs sends ~120. */
export const MAX_READINGS_PER_UPLOAD = 500;

const measuredAt = z.string().check(
  z.regex(RFC3339_OFFSET_OPTIONAL, {
    message:
      'must be an RFC 3339 date-time, e.g. 2026-11-20T07:31:00+00:00 (without an offset: member-local time)',
  }),
);

const range = ({ min, max }: { min: number; max: number }, unit: string) => `${min} to ${max} ${unit}`;

/** A device reading already decoded by a gateway or vendor app, in the unit it was taken in. */
export const jsonReadingSchema = z.strictObject({
  systolic: z.described(
    z.number(),
    `Systolic pressure in \`unit\`; ${range(READING_BOUNDS.systolic, 'mmHg')}, above diastolic.`,
  ),
  diastolic: z.described(
    z.number(),
    `Diastolic pressure in \`unit\`; ${range(READING_BOUNDS.diastolic, 'mmHg')}.`,
  ),
  pulse: z.described(
    z.optional(z.number()),
    `Pulse rate; ${range(READING_BOUNDS.pulse, 'beats per minute')}. Outside that it is dropped and the ` +
      'reading stored with the `pulse-dropped` flag.',
  ),
  unit: z.described(
    z.optional(
      z.string().check(
        z.refine((text) => parsePressureUnit(text) !== undefined, {
          message: `must be mmHg or kPa (any of ${PRESSURE_UNIT_SPELLINGS.join(', ')})`,
        }),
      ),
    ),
    `Pressure unit; mmHg when absent. Case, spaces and UCUM brackets are ignored: ${PRESSURE_UNIT_SPELLINGS.join(', ')}. ` +
      '1 kPa = 7.50062 mmHg.',
  ),
  measuredAt: z.described(
    measuredAt,
    'When the reading was taken, by the monitor clock, with its UTC offset (without one, it is read as the ' +
      "member's local time). A time more than 5 minutes ahead of " +
      'our clock or before 2021 is never refused: the reading is stored at the time it reached us (or corrected ' +
      'by `clockCheck`) and flagged `clock-suspect`.',
  ),
  clockCheck: z.optional(clockCheckSchema),
});

/** A raw Bluetooth Blood Pressure Measurement (0x2A35) value forwarded by a phone or hub. */
export const bluetoothReadingSchema = z.strictObject({
  bluetooth: z.described(z.base64(), 'The characteristic value, standard base64.'),
  measuredAt: z.described(
    z.optional(measuredAt),
    'Used only when the value has no time stamp or an unknown one (year 0); without either, the reading is stored at the time it reached us and flagged `clock-suspect`.',
  ),
  clockCheck: z.optional(clockCheckSchema),
});

export const uploadItemSchema = z.union([jsonReadingSchema, bluetoothReadingSchema]);

/**
 * The envelope is checked as a whole; items are checked one by one so a bad item refuses only itself.
 * Unknown fields are refused at both levels rather than silently dropped.
 */
export const uploadEnvelopeSchema = z.strictObject({
  readings: z.array(z.unknown()).check(
    z.minLength(1),
    z.maxLength(MAX_READINGS_PER_UPLOAD, {
      message: `at most ${MAX_READINGS_PER_UPLOAD} readings per request; split the upload`,
    }),
  ),
});

/** The documented request body (the envelope with its items spelled out), for OpenAPI. */
export const uploadRequestSchema = z.strictObject({
  readings: z.array(uploadItemSchema).check(z.minLength(1), z.maxLength(MAX_READINGS_PER_UPLOAD)),
});
