import { describeZodIssuePaths } from '../zod-issues.js';
import * as z from '../zod-mini.js';

const timestamp = z.iso.datetime({ offset: true });
const civilNumber = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(9999));

/** A CivilDateTime (data_coordinates.proto): a date, optionally a time of day, and no zone. */
const civilDateTimeSchema = z.object({
  date: z.object({ year: civilNumber, month: civilNumber, day: civilNumber }),
  time: z.optional(
    z.object({
      hours: z.optional(civilNumber),
      minutes: z.optional(civilNumber),
      seconds: z.optional(civilNumber),
    }),
  ),
});

/**
 * One changed interval. Google gives it in physical time, civil time, or both; either form is read, and
 * an interval this project cannot read is simply not used to widen the window (the cursor still applies).
 */
const intervalSchema = z.object({
  physicalTimeInterval: z.optional(z.object({ startTime: timestamp, endTime: z.optional(timestamp) })),
  civilTimeInterval: z.optional(
    z.object({
      start: z.optional(civilDateTimeSchema),
      startTime: z.optional(civilDateTimeSchema),
      end: z.optional(civilDateTimeSchema),
      endTime: z.optional(civilDateTimeSchema),
    }),
  ),
});

/**
 * One Google Health change notification. It says what changed, never the values. Unknown fields are
 * ignored; the parts we act on are validated (OWASP API10). `version` may be absent; an operation other
 * than UPSERT or DELETE still means "something changed", so it still syncs.
 */
export const webhookNotificationSchema = z.object({
  clientProvidedSubscriptionName: z.optional(z.string().check(z.maxLength(256))),
  data: z.object({
    version: z.optional(z.string().check(z.maxLength(16))),
    healthUserId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,63}$/)),
    operation: z.optional(z.string().check(z.maxLength(32))),
    dataType: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)),
    intervals: z.optional(z.array(intervalSchema).check(z.maxLength(1000))),
  }),
});

export type WebhookNotification = z.infer<typeof webhookNotificationSchema>;

/** Notifications in one delivery: Google sends up to about 99; anything far larger is not from Google. */
export const MAX_NOTIFICATIONS_PER_DELIVERY = 1000;

export interface ParsedDelivery {
  notifications: WebhookNotification[];
  /** Notifications not understood: their position and the failing field paths, never their content. */
  rejected: Array<{ index: number; fields: string[] }>;
}

/**
 * A delivery is one notification or an array of them (Google's definition and production traffic
 * differ), read one notification at a time so one we do not understand never rejects the others.
 * A notification without the `data` wrapper is read as its content. Undefined: not a delivery at all.
 */
export const parseWebhookDelivery = (body: unknown): ParsedDelivery | undefined => {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0 || items.length > MAX_NOTIFICATIONS_PER_DELIVERY) return undefined;
  if (!Array.isArray(body) && (typeof body !== 'object' || body === null)) return undefined;
  const parsed: ParsedDelivery = { notifications: [], rejected: [] };
  items.forEach((item, index) => {
    const wrapped =
      typeof item === 'object' && item !== null && !('data' in item) && 'healthUserId' in item
        ? { data: item }
        : item;
    const result = webhookNotificationSchema.safeParse(wrapped);
    if (result.success) parsed.notifications.push(result.data);
    else
      parsed.rejected.push({
        index,
        fields: describeZodIssuePaths(result.error).slice(0, 10),
      });
  });
  return parsed;
};

/** Civil times carry no zone; every zone is within 14 hours of UTC, so this is never later than the truth. */
const CIVIL_ZONE_SLACK_MS = 14 * 3_600_000;

/**
 * The earliest instant an interval can have changed from: its physical start, or for a civil-only
 * interval the civil start read at the earliest zone on Earth. Undefined when it names no start.
 */
export const earliestChangeOf = (interval: NonNullable<WebhookNotification['data']['intervals']>[number]) => {
  const physical = interval.physicalTimeInterval?.startTime;
  if (physical !== undefined) return Date.parse(physical);
  const civil = interval.civilTimeInterval?.start ?? interval.civilTimeInterval?.startTime;
  if (civil === undefined) return undefined;
  const { year, month, day } = civil.date;
  const local = Date.UTC(
    year,
    month - 1,
    day,
    civil.time?.hours ?? 0,
    civil.time?.minutes ?? 0,
    civil.time?.seconds ?? 0,
  );
  return Number.isNaN(local) ? undefined : local - CIVIL_ZONE_SLACK_MS;
};

/** Google's endpoint-verification probe body. */
export const verificationProbeSchema = z.object({ type: z.literal('verification') });
