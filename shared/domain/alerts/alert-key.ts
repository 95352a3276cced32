import { createHash } from 'node:crypto';
import type { AlertRule } from '../alert.js';

/** SQS FIFO MessageDeduplicationId / MessageGroupId limit. */
export const MAX_KEY_LENGTH = 128;

/**
 * Makes a string safe as an SQS FIFO dedupe or group id (printable ASCII 0x21-0x7E, at most 128 chars).
 * Unsafe characters become '_'; an over-long value keeps a readable prefix and a hash of the whole,
 * so two different long keys never collapse into one.
 */
export const toFifoSafeId = (raw: string): string => {
  const safe = raw.replace(/[^\x21-\x7e]/g, '_');
  if (safe.length <= MAX_KEY_LENGTH) {
    return safe;
  }
  const digest = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return `${safe.slice(0, MAX_KEY_LENGTH - digest.length - 1)}~${digest}`;
};

/** The idempotency key of an alert: one alert per (member, rule, episode). */
export const buildAlertKey = (memberId: string, rule: AlertRule, episode: string): string =>
  toFifoSafeId(`${memberId}#${rule}#${episode}`);

/** FIFO dedupe id of one notification: the alert key, its kind and its position in the history. */
export const notificationDedupeId = (alertKey: string, kind: string, position: number): string =>
  toFifoSafeId(`${alertKey}#${kind}-${position}`);

/**
 * The member an alert key belongs to: keys start with `<memberId>#`, and member ids are short and
 * FIFO-safe (`m-` plus 12 letters), so the prefix survives toFifoSafeId. This lets `alerts ack --alert`
 * find the alert in the member's partition without a second index.
 */
export const memberIdOfAlertKey = (alertKey: string): string | undefined => {
  const hash = alertKey.indexOf('#');
  return hash > 0 ? alertKey.slice(0, hash) : undefined;
};
