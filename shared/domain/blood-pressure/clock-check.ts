import * as z from '../zod-mini.js';
import type { ClockCheck } from './device-clock.js';
import { civilTimeToInstant } from './device-local-time.js';
import { parseRfc3339WithOffset, RFC3339_WITH_OFFSET } from './rfc3339.js';

/** A device clock reading: RFC 3339 with an offset, or zone-less local time (read in the member's zone). */
const ZONELESS_LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

const deviceClockTime = z.string().check(
  z.refine((text) => RFC3339_WITH_OFFSET.test(text) || ZONELESS_LOCAL_TIME.test(text), {
    message: 'must be an RFC 3339 date-time, with an offset or as zone-less device local time',
  }),
);

/**
 * The gateway's clock check: the device clock and the gateway's own clock read at the same moment (for
 * example when a phone connects to the monitor). Their difference corrects readings from a monitor whose
 * clock is wrong. Optional; without it a wrong clock is detected only when the time is impossible.
 */
export const clockCheckSchema = z.described(
  z.strictObject({
    deviceTime: z.described(
      deviceClockTime,
      "The monitor's clock at the check. Zone-less time (as monitors keep it) is read in the member's zone.",
    ),
    gatewayTime: z.described(
      z
        .string()
        .check(z.regex(RFC3339_WITH_OFFSET, { message: 'must be an RFC 3339 date-time with an offset' })),
      "The gateway's own clock at the same moment, RFC 3339 with an offset.",
    ),
  }),
  "The gateway's clock check. When the monitor's clock differs from the gateway's by more than 5 minutes, " +
    'readings are moved by that difference and flagged `clock-suspect`.',
);

export type ClockCheckInput = z.infer<typeof clockCheckSchema>;

/** Epoch ms of a device time, or undefined for a date that does not exist (30 February). */
export const parseDeviceTime = (text: string, timezone: string): number | undefined => {
  const zoneless = ZONELESS_LOCAL_TIME.exec(text);
  if (zoneless === null) return parseRfc3339WithOffset(text)?.epochMs;
  const [year, month, day, hours, minutes, seconds] = zoneless.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const check = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59
  )
    return undefined;
  return Date.parse(civilTimeToInstant({ year, month, day, hours, minutes, seconds }, timezone).measuredAt);
};

/** The clock check in epoch ms, or a reason it cannot be used. */
export const readClockCheck = (
  input: ClockCheckInput | undefined,
  timezone: string,
): { ok: true; clockCheck?: ClockCheck } | { ok: false; reason: string } => {
  if (input === undefined) return { ok: true };
  const deviceMs = parseDeviceTime(input.deviceTime, timezone);
  const gatewayMs = parseRfc3339WithOffset(input.gatewayTime)?.epochMs;
  if (deviceMs === undefined || gatewayMs === undefined) {
    return { ok: false, reason: 'clockCheck: is not a real date and time' };
  }
  return { ok: true, clockCheck: { deviceMs, gatewayMs } };
};
