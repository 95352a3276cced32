import * as z from 'zod';

const timestamp = z.iso.datetime({ offset: true });

/**
 * One Google Health change notification. It says what changed, never the values. Unknown fields are
 * ignored; the parts we act on are validated (OWASP API10).
 */
export const webhookNotificationSchema = z.object({
  data: z.object({
    version: z.string().max(16),
    healthUserId: z.string().regex(/^[A-Za-z0-9-]{1,63}$/),
    operation: z.enum(['UPSERT', 'DELETE']),
    dataType: z.string().regex(/^[a-z0-9-]{1,64}$/),
    intervals: z
      .array(
        z.object({
          physicalTimeInterval: z.object({ startTime: timestamp, endTime: timestamp.optional() }).optional(),
        }),
      )
      .max(1000)
      .optional(),
  }),
});

/** A delivery is one notification or an array of them (reports differ), normalised to an array. */
export const webhookDeliverySchema = z
  .union([webhookNotificationSchema, z.array(webhookNotificationSchema).min(1).max(500)])
  .transform((delivery) => (Array.isArray(delivery) ? delivery : [delivery]));

export type WebhookNotification = z.infer<typeof webhookNotificationSchema>;

/** Google's endpoint-verification probe body. */
export const verificationProbeSchema = z.object({ type: z.literal('verification') });
